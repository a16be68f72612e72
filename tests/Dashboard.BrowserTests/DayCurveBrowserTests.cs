using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>The app sampling twice a second and reading the demand every second, so that the day's curve fills while a test watches.</summary>
public sealed class DayCurveBrowserFixture() : BrowserFixture(new Dictionary<string, string>
{
    ["Samples:Interval"] = "00:00:00.500",
    ["Demand:Interval"] = "00:00:01",
});

public sealed partial class DayCurveBrowserTests(DayCurveBrowserFixture fixture) : BrowserTest(fixture), IClassFixture<DayCurveBrowserFixture>
{
    [Fact]
    public async Task A_supervisor_opens_today_from_the_app_bar_and_sees_the_curve_and_the_hours_fill_live()
    {
        var dashboard = new DashboardPage(await NewPageAsync(1366, 768), fixture.BaseAddress);
        await dashboard.OpenAsync("supervisor", "supervisor-demo");
        var page = dashboard.Page;

        // A link followed before the circuit is live can leave the router on the page it started from: wait for it (the
        // theme switch is enabled once the page is live).
        await Assertions.Expect(page.GetByTestId("theme-toggle")).ToBeEnabledAsync(new LocatorAssertionsToBeEnabledOptions { Timeout = 20_000 });
        await page.GetByTestId("nav-day").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/day");

        var curve = page.GetByTestId("day-curve");
        await Assertions.Expect(curve).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });
        await Assertions.Expect(curve.Locator("svg").First).ToBeVisibleAsync();
        // The hour now in progress gets the samples taken while the page is open, and the missed opportunities read.
        var now = page.Locator("[data-testid=day-hour]").Last;
        await Assertions.Expect(now).ToHaveAttributeAsync("data-free-slots-chat", WholeNumber(), new LocatorAssertionsToHaveAttributeOptions { Timeout = 15_000 });
        await Assertions.Expect(now).ToHaveAttributeAsync("data-missed", WholeNumber(), new LocatorAssertionsToHaveAttributeOptions { Timeout = 15_000 });
        await Assertions.Expect(curve).ToHaveAttributeAsync("data-hourly-stale", "false");
        // Hours are on the server's clock (no Demand:TimeZone here); the last row is the hour in progress.
        await Assertions.Expect(now).ToHaveAttributeAsync("data-hour", DateTime.Now.Hour.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.Locator("[data-testid=day-channel][data-channel=call]").ClickAsync();
        await Assertions.Expect(curve).ToHaveAttributeAsync("data-channel", "call");
        await Assertions.Expect(curve.Locator("svg").First).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex WholeNumber();
}
