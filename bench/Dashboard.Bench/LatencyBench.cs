using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// End to end: from a change at the upstream to the changed cell in a browser's DOM. The bench changes an operator's chat
/// availability on the embedded simulator's own API (as a person in iAdvize would, unseen by the app), and a
/// MutationObserver in a signed-in dashboard notes when that cell shows the new state. The browser's clock is corrected
/// by its offset from the bench's (the smallest round trip of several readings). Changes come about four a second, at
/// random moments of the poll cycle, each on an operator with no change in flight. Three settings: polled at 1 s and at
/// 3 s, and webhook-driven (the simulator posts a signed webhook per change; the poll is 60 s away).
/// </summary>
internal static class LatencyBench
{
    private const string ApiKey = "latency-bench-key";
    private const string Secret = "latency-bench-webhook-secret-0123456789";

    // Every mutation of the page: a markup row is replaced whole, so a childList change is how a cell changes. The whole
    // body, not the grid: when the circuit starts, Blazor replaces the prerendered grid with elements of its own, and an
    // observer on the prerendered tbody would hear nothing more (every change was missed that way before).
    private const string Observer = """
        () => {
            window.__latency = { expected: new Map(), seen: [] };
            new MutationObserver(() => {
                const now = performance.timeOrigin + performance.now();
                for (const [id, state] of window.__latency.expected) {
                    const cell = document.querySelector(`[data-testid=operator][data-operator-id='${id}'] [data-testid=channel][data-channel=chat]`);
                    if (cell && cell.getAttribute("data-state") === state) {
                        window.__latency.seen.push([id, now]);
                        window.__latency.expected.delete(id);
                    }
                }
            }).observe(document.body, { subtree: true, childList: true, attributes: true });
        }
        """;

    public static async Task RunAsync(int changes)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Change at the upstream to the DOM of a signed-in dashboard (Viewer, headless Chromium), {changes} changes per setting, 250 simulated operators");
        table.AppendLine();
        table.AppendLine("| setting | changes seen | p50 | p95 | p99 | max | target (p95) | met |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        var settings = new (string Name, TimeSpan Target, Dictionary<string, string> Settings)[]
        {
            ("polled, T = 1 s", TimeSpan.FromMilliseconds(1_250), new() { ["Polling__LiveInterval"] = "00:00:01" }),
            ("polled, T = 3 s", TimeSpan.FromMilliseconds(3_250), new() { ["Polling__LiveInterval"] = "00:00:03" }),
            ("webhooks (poll every 60 s)", TimeSpan.FromMilliseconds(500), new()
            {
                ["Polling__LiveInterval"] = "00:01:00",
                ["Webhooks__Secret"] = Secret,
                // Four webhook reads a second is beyond a quarter of the default budget (240 a minute), which would
                // leave the changes to the next poll: the bench measures the webhook path, not the budget.
                ["Polling__MaxRequestsPerMinute"] = "2000",
            }),
        };
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await CircuitsBench.LaunchChromiumAsync(playwright);
        foreach (var (name, target, extra) in settings)
        {
            extra["Simulator__OperatorCount"] = "250";
            extra["Simulator__RunActivity"] = "false";
            extra["Simulator__ApiKey"] = ApiKey;
            var delays = await MeasureAsync(browser, extra, changes, maxWait: target + TimeSpan.FromSeconds(10));
            var sorted = delays.Order().ToArray();
            var p95 = sorted.Length == 0 ? double.MaxValue : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.95 * sorted.Length) - 1)];
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {sorted.Length} of {changes} | {FanoutBench.Percentile(sorted, 0.50)} | {FanoutBench.Percentile(sorted, 0.95)} | {FanoutBench.Percentile(sorted, 0.99)} | {FanoutBench.Percentile(sorted, 1)} | {target.TotalMilliseconds:N0} ms | {(p95 <= target.TotalMilliseconds && sorted.Length == changes ? "yes" : "no")} |");
            Console.WriteLine($"  {name}: {sorted.Length} seen, p95 {FanoutBench.Percentile(sorted, 0.95)}");
        }

        table.AppendLine();
        table.AppendLine("Delay: from the middle of the simulator's PUT to the MutationObserver that saw the cell's new `data-state`, on the bench's clock.");
        PerformanceDoc.Publish("latency", table.ToString());
    }

    private static async Task<List<double>> MeasureAsync(IBrowser browser, Dictionary<string, string> settings, int changes, TimeSpan maxWait)
    {
        await using var app = await BenchApp.StartAsync(settings, TimeSpan.FromMinutes(2));
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await CircuitsBench.OpenDashboardAsync(page, app.BaseAddress, "viewer", "viewer-demo");
        await page.Locator("[data-testid=operator]").First.WaitForAsync();
        await page.EvaluateAsync(Observer);
        var offset = await BrowserClockOffsetAsync(page);

        // Connected operators whose chat is on or off (not busy, not disabled): with no activity, they stay as set.
        var candidates = await page.EvaluateAsync<int[]>("""
            () => [...document.querySelectorAll("[data-testid=operator].op-connected")]
                .filter(row => ["available", "unavailable"].includes(row.querySelector("[data-channel=chat]")?.getAttribute("data-state")))
                .map(row => Number(row.getAttribute("data-operator-id")))
            """);
        if (candidates.Length == 0)
        {
            throw new InvalidOperationException("No connected operator with chat on or off to change.");
        }

        using var upstream = new HttpClient { BaseAddress = new Uri(app.BaseAddress, "simulator/api/2/") };
        upstream.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
        var state = new Dictionary<int, bool>();
        foreach (var id in candidates)
        {
            state[id] = await page.EvaluateAsync<string>($"() => document.querySelector(\"[data-testid=operator][data-operator-id='{id}'] [data-channel=chat]\").getAttribute('data-state')") == "available";
        }

        var inFlight = new Dictionary<int, double>();
        var delays = new List<double>();
        var random = new Random(20261202);
        var next = 0;
        var made = 0;
        var lastProgress = Stopwatch.StartNew();
        // Bounded: a change never seen keeps its operator out of the rotation, and when no change can be made or seen for
        // maxWait, the run ends with what it has (the table says how many were seen).
        while ((made < changes || inFlight.Count > 0) && lastProgress.Elapsed < maxWait)
        {
            if (made < changes)
            {
                var id = candidates[next++ % candidates.Length];
                if (!inFlight.ContainsKey(id))
                {
                    var available = !state[id];
                    await page.EvaluateAsync("([id, state]) => window.__latency.expected.set(id, state)", new object[] { id, available ? "available" : "unavailable" });
                    var before = Now();
                    using var put = await upstream.PutAsync($"operator/{id}/live", new FormUrlEncodedContent([new("chat[available]", available ? "1" : "0")]));
                    var after = Now();
                    put.EnsureSuccessStatusCode();
                    state[id] = available;
                    inFlight[id] = (before + after) / 2;
                    made++;
                    lastProgress.Restart();
                }
            }

            // About four a second, at random moments of the poll cycle.
            await Task.Delay(random.Next(100, 400));
            var seen = await page.EvaluateAsync<double[][]>("() => window.__latency.seen.splice(0)");
            foreach (var pair in seen)
            {
                var id = (int)pair[0];
                if (inFlight.Remove(id, out var changedAt))
                {
                    delays.Add(pair[1] - offset - changedAt);
                    lastProgress.Restart();
                }
            }
        }

        return delays;
    }

    // Milliseconds since 1970 on the bench's clock, finer than DateTime's tick.
    private static readonly DateTimeOffset Anchor = DateTimeOffset.UtcNow;
    private static readonly Stopwatch SinceAnchor = Stopwatch.StartNew();

    private static double Now() => Anchor.ToUnixTimeMilliseconds() + SinceAnchor.Elapsed.TotalMilliseconds;

    // The browser's clock minus the bench's, from the reading with the shortest round trip.
    private static async Task<double> BrowserClockOffsetAsync(IPage page)
    {
        var best = (RoundTrip: double.MaxValue, Offset: 0.0);
        for (var i = 0; i < 10; i++)
        {
            var before = Now();
            var browserNow = await page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
            var after = Now();
            if (after - before < best.RoundTrip)
            {
                best = (after - before, browserNow - ((before + after) / 2));
            }
        }

        return best.Offset;
    }
}
