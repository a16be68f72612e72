using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// Screenshots of <c>/</c> for people to look at, signed in as the demo Manager: as it opens, sorted by state, grouped by
/// group, and at phone width; written to docs/dashboard-{name}.png. Not a measurement: a record of what a screen shows.
/// </summary>
internal static class DashboardScreensBench
{
    public static async Task RunAsync()
    {
        var docs = Path.Combine(PerformanceDoc.RepositoryRoot(), "docs");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await CircuitsBench.LaunchChromiumAsync(playwright);
        await using var app = await BenchApp.StartAsync(new Dictionary<string, string>
        {
            ["Simulator__OperatorCount"] = "60",
            ["Polling__LiveInterval"] = "00:00:01",
        }, TimeSpan.FromMinutes(2));
        foreach (var (name, query, width, height) in new[]
        {
            ("name", "", 1440, 900),
            ("state", "?sort=state", 1440, 900),
            ("grouped", "?groupby=group&sort=time", 1440, 900),
        })
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
            var page = await context.NewPageAsync();
            await CircuitsBench.OpenDashboardAsync(page, app.BaseAddress, "manager", "manager-demo", "/" + query);
            // A few polls in, so that the simulator's activity shows states and durations.
            await page.WaitForTimeoutAsync(3000);
            var file = Path.Combine(docs, $"dashboard-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
            Console.WriteLine($"{file}: / {query} at {width} x {height}");
        }
    }
}
