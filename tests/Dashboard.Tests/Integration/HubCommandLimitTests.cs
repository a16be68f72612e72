using System.Text.RegularExpressions;
using Dashboard.Audit;
using Dashboard.Commands;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Tests.Integration;

[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed class HubCommandLimitTests : IAsyncLifetime
{
    private const int Limit = 5;

    private readonly DashboardFactory _factory = new() { Settings = { ["Security:HubCommandsPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _factory.StartAndWaitForFirstSnapshotAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_flood_of_refused_hub_calls_writes_one_entry_counting_them_not_one_row_each()
    {
        var target = _factory.Services.GetRequiredService<Dashboard.Live.AvailabilityStore>().Current.Operators.First(o => o.Connected);
        await using var hub = _factory.CreateHubConnection("viewer", "viewer-demo");
        await hub.StartAsync(Token);

        var results = new List<CommandResult>();
        for (var call = 0; call < 100; call++)
        {
            results.Add(await hub.InvokeAsync<CommandResult>("SetChannelAvailability", target.Id, "chat", false, Token));
        }

        results.ShouldAllBe(r => !r.Succeeded);
        var overLimit = results.Count(r => r.Message == Dashboard.Realtime.HubCommandLimit.OverLimitMessage);
        // A fixed window may turn over once during the calls.
        overLimit.ShouldBeInRange(100 - (2 * Limit), 100 - Limit);
        var log = _factory.Services.GetRequiredService<AuditLog>();
        var entries = await Eventually.ValueAsync(
            async () => (await log.GetPageAsync(new AuditFilter(User: "viewer"), 1, Token)).Entries,
            found => found.Any(e => e.Message?.StartsWith($"{overLimit} refused attempts in a minute", StringComparison.Ordinal) == true),
            $"one audit entry for the {overLimit} refused attempts over the limit",
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(100));

        entries.Count.ShouldBe(100 - overLimit + 1, "each call within the limit, plus one for those over it");
        entries.ShouldAllBe(e => e.Outcome == AuditOutcome.Refused);
    }

    [Fact]
    public async Task A_Manager_within_the_limit_is_not_held_back_and_one_over_it_is_refused_unsent()
    {
        var connected = _factory.Services.GetRequiredService<Dashboard.Live.AvailabilityStore>().Current.Operators.Where(o => o.Connected).Take(Limit + 1).ToList();
        await using var hub = _factory.CreateHubConnection();
        await hub.StartAsync(Token);

        var results = new List<CommandResult>();
        foreach (var target in connected)
        {
            results.Add(await hub.InvokeAsync<CommandResult>("SetChannelAvailability", target.Id, "chat", !target.Chat.Available, Token));
        }

        results.Take(Limit).ShouldAllBe(r => r.Message != Dashboard.Realtime.HubCommandLimit.OverLimitMessage);
        results[Limit].Message.ShouldBe(Dashboard.Realtime.HubCommandLimit.OverLimitMessage);
        _factory.Services.GetRequiredService<Iadvize.Simulator.SimulatedPlatform>().GetLive(connected[Limit].Id)!.Chat.Available.ShouldBe(connected[Limit].Chat.Available);
    }
}
