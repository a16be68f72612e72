using System.Diagnostics;
using Dashboard.Live;
using Dashboard.Tests.Integration;
using Iadvize.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Webhooks;

/// <summary>
/// From a change in the simulator to the hub client holding it, through the whole path: simulator event, signed POST,
/// receiver, refresh queue, GET /operator/{id}/live, store, hub. In memory, so it measures the dashboard's own overhead.
/// </summary>
[Trait("Kind", "Integration")]
[Trait("Kind", TimingCollection.Kind)]
[Collection(TimingCollection.Name)]
public sealed class WebhookLatencyTests : IAsyncLifetime
{
    private const int Events = 200;
    private readonly DashboardFactory _factory = new();

    public WebhookLatencyTests()
    {
        _factory.Settings["Webhooks:Secret"] = "latency-secret";
        _factory.Settings["Polling:LiveInterval"] = "00:10:00";
        _factory.Settings["Polling:RosterInterval"] = "00:10:00";
        // 200 reads in well under a minute: the default budget would rightly keep some of them for the poll.
        _factory.Settings["Polling:MaxRequestsPerMinute"] = "100000";
    }

    private AvailabilityStore Store => _factory.Services.GetRequiredService<AvailabilityStore>();

    public async ValueTask InitializeAsync()
    {
        await _factory.StartAndWaitForFirstSnapshotAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Webhook_to_hub_latency_stays_well_under_a_second_at_the_95th_percentile()
    {
        var simulator = _factory.Services.GetRequiredService<SimulatedPlatform>();
        await using var hub = await HubRecorder.ConnectAsync(_factory);
        var snapshot = await hub.SnapshotAsync();
        var targets = snapshot.Operators.Where(o => o.Chat.Status == ChannelStatus.Available).Take(10).Select(o => o.Id).ToList();
        var latencies = new List<TimeSpan>(Events);

        for (var i = 0; i < Events; i++)
        {
            // Each operator alternates: unavailable on its odd rounds, available again on its even ones.
            var id = targets[i % targets.Count];
            var available = i / targets.Count % 2 == 1;
            var expected = available ? ChannelStatus.Available : ChannelStatus.Unavailable;
            var sentAt = Stopwatch.GetTimestamp();
            simulator.SetAvailability(id, "chat", available);
            var (_, receivedAt) = await hub.NextChangeAsync(id, s => s.Chat.Status == expected, TimeSpan.FromSeconds(10));
            latencies.Add(Stopwatch.GetElapsedTime(sentAt, receivedAt));
        }

        latencies.Sort();
        var p50 = latencies[(Events / 2) - 1];
        var p95 = latencies[(Events * 95 / 100) - 1];
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"webhook to hub over {Events} events: p50 {p50.TotalMilliseconds:F1} ms, p95 {p95.TotalMilliseconds:F1} ms, max {latencies[^1].TotalMilliseconds:F1} ms");
        Store.Current.TakenAt.ShouldBe(snapshot.TakenAt, "a poll ran during the measurement");
        p95.ShouldBeLessThan(TimeSpan.FromSeconds(1));
    }
}
