using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Tests.Integration;

/// <summary><c>/metrics</c> as Prometheus scrapes it: no sign-in, text format, figures that match the live picture.</summary>
[Trait("Kind", "Integration")]
public sealed partial class MetricsTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _factory.StartAndWaitForFirstSnapshotAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private async Task<string> ScrapeAsync()
    {
        using var http = _factory.CreateClient();
        using var answer = await http.GetAsync(new Uri("/metrics", UriKind.Relative), Token);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        return await answer.Content.ReadAsStringAsync(Token);
    }

    private static double Value(string scrape, string series)
    {
        var line = scrape.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new ShouldAssertException($"No series {series} in:\n{scrape}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_headline_numbers_and_the_upstreams_health_are_scraped_without_sign_in()
    {
        var store = _factory.Services.GetRequiredService<AvailabilityStore>();

        var scrape = await ScrapeAsync();

        var kpis = KpiSet.Compute(store.Current.Operators);
        Value(scrape, "dashboard_operators{state=\"known\"}").ShouldBe(kpis.Operators);
        Value(scrape, "dashboard_operators{state=\"connected\"}").ShouldBe(kpis.Connected);
        Value(scrape, "dashboard_channel_operators{channel=\"chat\",state=\"available\"}").ShouldBe(kpis.Chat.Available);
        Value(scrape, "dashboard_channel_operators{channel=\"call\",state=\"busy\"}").ShouldBe(kpis.Call.Busy);
        Value(scrape, "dashboard_channel_free_slots{channel=\"chat\"}").ShouldBe(kpis.Chat.FreeSlots);
        Value(scrape, "dashboard_data_stale").ShouldBe(0);
        Value(scrape, "dashboard_upstream_consecutive_failures").ShouldBe(0);
        Value(scrape, "dashboard_upstream_last_success_timestamp_seconds")
            .ShouldBe(store.Health.LastSuccessAt!.Value.ToUnixTimeMilliseconds() / 1000.0, tolerance: 60);
        Value(scrape, "dashboard_change_sets_total").ShouldBeGreaterThanOrEqualTo(1);
        // Aggregates only: nobody's name leaves the dashboard this way.
        store.Current.Operators.ShouldAllBe(o => !scrape.Contains(o.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Availability_changes_are_counted_by_outcome_and_hub_connections_are_gauged()
    {
        var target = _factory.Services.GetRequiredService<AvailabilityStore>().Current.Operators.First(o => o.Connected && o.Chat.Status == ChannelStatus.Available);
        var before = await ScrapeAsync();
        Value(before, "dashboard_availability_changes_total{outcome=\"succeeded\"}").ShouldBe(0);
        await using var manager = _factory.CreateHubConnection("manager", "manager-demo");
        await using var viewer = _factory.CreateHubConnection("viewer", "viewer-demo");
        await manager.StartAsync(Token);
        await viewer.StartAsync(Token);

        (await manager.InvokeAsync<Dashboard.Commands.CommandResult>("SetChannelAvailability", target.Id, "chat", false, Token)).Succeeded.ShouldBeTrue();
        (await viewer.InvokeAsync<Dashboard.Commands.CommandResult>("SetChannelAvailability", target.Id, "chat", true, Token)).Succeeded.ShouldBeFalse();
        var after = await ScrapeAsync();

        Value(after, "dashboard_availability_changes_total{outcome=\"succeeded\"}").ShouldBe(1);
        Value(after, "dashboard_availability_changes_total{outcome=\"refused\"}").ShouldBe(1);
        Value(after, "dashboard_availability_changes_total{outcome=\"failed\"}").ShouldBe(0);
        Value(after, "dashboard_hub_connections").ShouldBe(2);
    }

    [Fact]
    public async Task An_upstream_that_fails_shows_as_stale_with_its_failures_counted()
    {
        var simulator = _factory.Services.GetRequiredService<Iadvize.Simulator.SimulatedPlatform>();
        simulator.Faults = new Iadvize.Simulator.SimulatorFaults { ErrorRate = 1 };
        try
        {
            var store = _factory.Services.GetRequiredService<AvailabilityStore>();
            var options = _factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Dashboard.Polling.PollingOptions>>().Value;
            await Eventually.TrueAsync(
                () => store.Health.ConsecutiveFailures >= 1 && store.Health.IsStale(DateTimeOffset.UtcNow, options.LiveInterval),
                "the store counting a failed poll and calling its data stale",
                TimeSpan.FromSeconds(30),
                TimeSpan.FromMilliseconds(100));

            var scrape = await ScrapeAsync();

            Value(scrape, "dashboard_upstream_consecutive_failures").ShouldBeGreaterThanOrEqualTo(1);
            Value(scrape, "dashboard_data_stale").ShouldBe(1);
            Value(scrape, "dashboard_operators{state=\"known\"}").ShouldBe(store.Current.Operators.Length, "the last good picture is kept");
        }
        finally
        {
            simulator.Faults = Iadvize.Simulator.SimulatorFaults.None;
        }
    }

    [Fact]
    public async Task The_frameworks_meters_are_scraped_from_the_same_registry()
    {
        await using var hub = _factory.CreateHubConnection(webSockets: true);
        await hub.StartAsync(Token);
        await ScrapeAsync();

        var scrape = await ScrapeAsync();

        Value(scrape, "microsoft_aspnetcore_http_connections_signalr_server_active_connections{signalr_transport=\"web_sockets\"}").ShouldBe(1);
        Value(scrape, "system_runtime_dotnet_gc_last_collection_heap_size{gc_heap_generation=\"gen0\"}").ShouldBeGreaterThanOrEqualTo(0);
        Value(scrape, "system_runtime_dotnet_thread_pool_thread_count").ShouldBeGreaterThan(0);
        scrape.ShouldContain("system_runtime_dotnet_process_cpu_time{");
        scrape.ShouldContain("microsoft_aspnetcore_hosting_http_server_request_duration_count{");
        // The same scrape still carries the dashboard's own figures: one registry.
        scrape.ShouldContain("dashboard_operators{");
    }
}
