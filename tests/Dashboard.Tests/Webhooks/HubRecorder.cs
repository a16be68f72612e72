using System.Diagnostics;
using Dashboard.Live;
using Dashboard.Realtime;
using Dashboard.Tests.Integration;
using Microsoft.AspNetCore.SignalR.Client;
using Queues = System.Threading.Channels;

namespace Dashboard.Tests.Webhooks;

/// <summary>A hub client that keeps every change set with the moment (Stopwatch timestamp) it arrived.</summary>
internal sealed class HubRecorder : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly Queues.Channel<(ChangeSet ChangeSet, long ReceivedAt)> _changes = Queues.Channel.CreateUnbounded<(ChangeSet, long)>();
    private readonly TaskCompletionSource<SnapshotMessage> _snapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubRecorder(HubConnection hub)
    {
        _hub = hub;
        hub.On<SnapshotMessage>(nameof(IAvailabilityClient.Snapshot), message => _snapshot.TrySetResult(message));
        hub.On<ChangeSet>(nameof(IAvailabilityClient.Changes), changeSet => _changes.Writer.TryWrite((changeSet, Stopwatch.GetTimestamp())));
    }

    public static async Task<HubRecorder> ConnectAsync(DashboardFactory factory)
    {
        var recorder = new HubRecorder(factory.CreateHubConnection());
        await recorder._hub.StartAsync(TestContext.Current.CancellationToken);
        return recorder;
    }

    public Task<SnapshotMessage> SnapshotAsync() => _snapshot.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

    /// <summary>The first change set, from now on, in which the operator matches; with when it arrived.</summary>
    public async Task<(OperatorState State, long ReceivedAt)> NextChangeAsync(int operatorId, Func<OperatorState, bool> match, TimeSpan patience)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(patience);
        while (true)
        {
            var (changeSet, receivedAt) = await _changes.Reader.ReadAsync(timeout.Token);
            if (changeSet.Changes.FirstOrDefault(c => c.OperatorId == operatorId)?.Current is { } state && match(state))
            {
                return (state, receivedAt);
            }
        }
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
