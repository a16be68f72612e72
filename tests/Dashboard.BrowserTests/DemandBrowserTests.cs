using System.Text.RegularExpressions;
using Iadvize.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>The app reading today's demand every second, with a simulator that sends many contacts per simulated second.</summary>
public sealed class DemandBrowserFixture() : BrowserFixture(new Dictionary<string, string>
{
    ["Demand:Interval"] = "00:00:01",
    ["Simulator:TickInterval"] = "00:00:00.100",
    ["Simulator:ContactsPerMinute"] = "3000",
});

public sealed partial class DemandBrowserTests(DemandBrowserFixture fixture) : BrowserTest(fixture), IClassFixture<DemandBrowserFixture>
{
    [Fact]
    public async Task Each_channel_shows_todays_demand_beside_its_capacity_and_it_moves_without_a_reload()
    {
        var dashboard = new DashboardPage(await NewPageAsync(1366, 768), fixture.BaseAddress);
        await dashboard.OpenAsync();
        var band = dashboard.Page.GetByTestId("demand-band");
        var queued = Demand(dashboard, "chat", "contact_waiting_number");
        await Assertions.Expect(band).ToHaveAttributeAsync("data-stale", "false");
        await Assertions.Expect(queued).ToHaveTextAsync("0");

        // The simulator gets busy; the next read reaches the open page by itself.
        var simulator = fixture.Services.GetRequiredService<SimulatedPlatform>();
        for (var i = 0; i < 300; i++)
        {
            simulator.Step();
        }

        await Assertions.Expect(queued).Not.ToHaveTextAsync("0", new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        foreach (var channel in new[] { "chat", "call", "video" })
        {
            var figures = dashboard.Page.Locator($"[data-testid=demand][data-channel={channel}]");
            (await figures.CountAsync()).ShouldBeGreaterThan(0, channel);
            await Assertions.Expect(Demand(dashboard, channel, "contact_answered_duration")).ToHaveTextAsync(DurationOrNone());
        }

        await Assertions.Expect(Demand(dashboard, "chat", "contact_missed_with_busy_operators_number")).ToHaveTextAsync(WholeNumber());
        await Assertions.Expect(Demand(dashboard, "chat", "contact_waiting_duration")).ToHaveTextAsync(DurationOrNone());
        await Assertions.Expect(band).ToHaveAttributeAsync("data-stale", "false");
        await dashboard.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("screenshots", "dashboard-demand.png") });
    }

    private static ILocator Demand(DashboardPage dashboard, string channel, string indicator) =>
        dashboard.Page.Locator($"[data-testid=demand][data-channel={channel}][data-indicator={indicator}]");

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"^(\d+ s|\d+ min \d\d|\d+ h \d\d|–)$")]
    private static partial Regex DurationOrNone();
}
