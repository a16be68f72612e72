using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// The wall TV left alone: 250 operators, a poll and a change set about every second, one TV page in headless Chromium.
/// Its JS heap (after a forced GC) and DOM node count are read after 1 minute and at the end (60 minutes by default),
/// to show that an open TV does not grow. Bounded: the run lasts the minutes asked for, and no more.
/// </summary>
internal static class TvSoakBench
{
    public static async Task RunAsync(int minutes)
    {
        await using var app = await BenchApp.StartAsync(new Dictionary<string, string>
        {
            ["Simulator__OperatorCount"] = "250",
            ["Simulator__TickInterval"] = "00:00:01",
            ["Polling__LiveInterval"] = "00:00:01",
        }, TimeSpan.FromMinutes(2));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await CircuitsBench.LaunchChromiumAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        var page = await OpenTvAsync(context, app, "tv?rotate=10");
        // Counts what the server changed on screen, to show that the TV was live all along.
        await page.EvaluateAsync("""
            () => {
                window.__changes = 0;
                new MutationObserver(records => window.__changes += records.length)
                    .observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            }
            """);
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");

        var rows = new List<(string At, double HeapMb, int Nodes, int Listeners, long Changes, bool Live)>();
        var started = DateTime.UtcNow;
        foreach (var at in new[] { 1, minutes }.Distinct())
        {
            var wait = started.AddMinutes(at) - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            await cdp.SendAsync("HeapProfiler.collectGarbage");
            var metrics = (await cdp.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics");
            double Metric(string name) => metrics.EnumerateArray().First(m => m.GetProperty("name").GetString() == name).GetProperty("value").GetDouble();
            var changes = await page.EvaluateAsync<long>("() => window.__changes");
            var stale = await page.GetAttributeAsync("[data-testid=freshness]", "data-stale");
            rows.Add(($"{at} min", Metric("JSHeapUsedSize") / 1024 / 1024, (int)Metric("Nodes"), (int)Metric("JSEventListeners"), changes, stale == "false"));
            Console.WriteLine($"after {at} min: heap {rows[^1].HeapMb:0.00} MB, {rows[^1].Nodes} nodes, {rows[^1].Listeners} listeners, {changes} DOM changes");
        }

        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"## TV soak (`tv-soak {minutes}`)")
            .AppendLine()
            .AppendLine("One `/tv` page in headless Chromium at 1920 × 1080, 250 simulated operators, a poll and a change set about every second,")
            .AppendLine("pages rotating every 10 s. JS heap after a forced garbage collection; DOM changes counted by a MutationObserver since the start.")
            .AppendLine()
            .AppendLine("| after | JS heap (MB) | DOM nodes | JS listeners | DOM changes so far | live |")
            .AppendLine("| --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var row in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {row.At} | {row.HeapMb:0.00} | {row.Nodes} | {row.Listeners} | {row.Changes} | {(row.Live ? "yes" : "no")} |");
        }

        PerformanceDoc.Publish("tv-soak", table.ToString());
    }

    /// <summary>Signs in as the demo Manager, then opens <paramref name="path"/> (a /tv address) and waits for its tiles.</summary>
    public static async Task<IPage> OpenTvAsync(IBrowserContext context, BenchApp app, string path)
    {
        var page = await context.NewPageAsync();
        await CircuitsBench.OpenDashboardAsync(page, app.BaseAddress, "manager", "manager-demo");
        await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
        await page.WaitForSelectorAsync("[data-testid=operator]");
        return page;
    }
}
