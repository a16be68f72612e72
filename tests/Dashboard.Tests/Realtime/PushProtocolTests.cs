using Dashboard.Live;
using Dashboard.Realtime;
using Dashboard.Tests.Integration;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Realtime;

public sealed class FollowingClientTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    [Fact]
    public void A_gap_is_detected_and_the_missed_change_sets_make_the_client_exactly_right()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2)], At);
        var client = new FollowingClient();
        client.Start(new SnapshotMessage(store.Current.Sequence, store.Current.TakenAt, store.Current.Operators));

        var missed = store.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: 1), OperatorBuilder.An(2)], At)!;
        var next = store.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: 1), OperatorBuilder.An(3)], At)!;

        client.TryApply(next).ShouldBeFalse();
        client.Apply(new ResyncMessage(store.ChangesSince(client.Sequence), null));
        client.TryApply(missed).ShouldBeTrue();

        client.Sequence.ShouldBe(store.Current.Sequence);
        client.Operators.Values.OrderBy(o => o.Id).ShouldBe(store.Current.Operators.OrderBy(o => o.Id));
    }
}

[Trait("Kind", "Integration")]
public sealed class PushProtocolTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_client_that_misses_change_sets_asks_for_them_and_ends_up_exactly_right()
    {
        var store = _factory.Services.GetRequiredService<AvailabilityStore>();
        var simulator = _factory.Services.GetRequiredService<Iadvize.Simulator.SimulatedPlatform>();
        var client = new FollowingClient();
        var gate = new SemaphoreSlim(1, 1);
        var dropped = 0;
        await using var hub = _factory.CreateHubConnection();
        hub.On<SnapshotMessage>(nameof(IAvailabilityClient.Snapshot), async snapshot =>
        {
            await gate.WaitAsync();
            client.Start(snapshot);
            gate.Release();
        });
        hub.On<ChangeSet>(nameof(IAvailabilityClient.Changes), async changeSet =>
        {
            await gate.WaitAsync();
            try
            {
                // Lose every other change set, as a flaky network would.
                if (Interlocked.Increment(ref dropped) % 2 == 0)
                {
                    return;
                }

                if (!client.TryApply(changeSet))
                {
                    client.Apply(await hub.InvokeAsync<ResyncMessage>(nameof(AvailabilityHub.GetChangesSince), client.Sequence));
                    client.TryApply(changeSet);
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await hub.StartAsync(TestContext.Current.CancellationToken);

        foreach (var id in simulator.OperatorIds.Take(12))
        {
            simulator.Disconnect(id);
            await Eventually.TrueAsync(() => store.Current.Find(id) is { Connected: false }, $"operator {id} shown disconnected in the store");
        }

        // A lost last change set shows no gap until the next one; a reconnecting client asks at once, as here.
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        client.Resyncs.ShouldBeGreaterThan(0);
        client.Apply(await hub.InvokeAsync<ResyncMessage>(nameof(AvailabilityHub.GetChangesSince), client.Sequence, TestContext.Current.CancellationToken));

        client.Sequence.ShouldBe(store.Current.Sequence);
        client.Operators.Values.OrderBy(o => o.Id).ShouldBe(store.Current.Operators.OrderBy(o => o.Id));
    }

}
