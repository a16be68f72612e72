using System.Threading.Channels;
using Dashboard.Live;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Realtime;

/// <summary>
/// Forwards every change set and health change of the store to every hub client, in order; a Viewer's connection gets
/// change sets without operators' details (<see cref="HubAudience"/>).
/// </summary>
public sealed class HubBroadcaster(AvailabilityStore store, IHubContext<AvailabilityHub, IAvailabilityClient> hub, ILogger<HubBroadcaster> logger)
    : BackgroundService, IAvailabilityObserver
{
    // The store calls observers on the writer's thread; a queue keeps the writer fast and the sends in sequence order.
    // Bounded: if clients cannot keep up, the oldest sends are dropped and clients see a gap, which they resync.
    private readonly Channel<Func<Task>> _queue = Channel.CreateBounded<Func<Task>>(
        new BoundedChannelOptions(1_024) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    public void OnChanges(ChangeSet changeSet) => _queue.Writer.TryWrite(() => Task.WhenAll(
        hub.Clients.Group(HubAudience.Local(HubAudience.Details)).Changes(changeSet),
        hub.Clients.Group(HubAudience.Local(HubAudience.AvailabilityOnly)).Changes(HubAudience.ForGroup(HubAudience.AvailabilityOnly, changeSet))));

    public void OnHealth(UpstreamHealth health) => _queue.Writer.TryWrite(() =>
        hub.Clients.Groups(HubAudience.Local(HubAudience.Details), HubAudience.Local(HubAudience.AvailabilityOnly)).Health(health));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = store.Subscribe(this);
        await foreach (var send in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await send();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Broadcasting to hub clients failed.");
            }
        }
    }
}
