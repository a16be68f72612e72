using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// Screenshots of the wall TV for people to look at: 50 and 300 operators, at 1920 x 1080 and 3840 x 2160, written to
/// docs/tv-{operators}-{width}.png. Not a measurement: a record of what a screen shows.
/// </summary>
internal static class TvScreensBench
{
    public static async Task RunAsync()
    {
        var docs = Path.Combine(PerformanceDoc.RepositoryRoot(), "docs");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await CircuitsBench.LaunchChromiumAsync(playwright);
        foreach (var operators in new[] { 50, 300 })
        {
            await using var app = await BenchApp.StartAsync(new Dictionary<string, string>
            {
                ["Simulator__OperatorCount"] = operators.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Polling__LiveInterval"] = "00:00:01",
            }, TimeSpan.FromMinutes(2));
            foreach (var (width, height) in new[] { (1920, 1080), (3840, 2160) })
            {
                await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
                var page = await TvSoakBench.OpenTvAsync(context, app, "tv");
                // A few polls in, so that the simulator's activity shows states and durations.
                await page.WaitForTimeoutAsync(4000);
                var file = Path.Combine(docs, $"tv-{operators}-{width}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
                Console.WriteLine($"{file}: {operators} operators at {width} x {height}");
            }
        }
    }
}
