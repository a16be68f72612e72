using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// What each open dashboard costs the server: the app's managed heap after a full GC with 1, 10 and 50 Blazor circuits on
/// <c>/</c>, for a Viewer and a Manager, at 250 and 2,000 operators; the cost per circuit is the difference from one
/// circuit divided by the circuits added. The circuits are headless Chromium pages (the same flags as the browser tests),
/// all of one signed-in person, with the simulator's activity running so that they render change sets as they would.
/// </summary>
internal static class CircuitsBench
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(int[] operatorCounts, int[] circuitCounts, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Managed heap per Blazor circuit on `/` and `/tv` (dotnet-gcdump after a full GC; circuits {string.Join(", ", circuitCounts)}; simulator activity on)");
        table.AppendLine();
        table.Append("| operators | view |");
        foreach (var count in circuitCounts)
        {
            table.Append(CultureInfo.InvariantCulture, $" heap, {count} |");
        }

        foreach (var count in circuitCounts.Skip(1))
        {
            table.Append(CultureInfo.InvariantCulture, $" per circuit, {circuitCounts[0]} to {count} |");
        }

        table.AppendLine();
        table.Append("|---:|---|").Append(string.Concat(Enumerable.Repeat("---:|", (circuitCounts.Length * 2) - 1))).AppendLine();

        // DASHBOARD_BENCH_VIEWS (say "Manager") measures only those views, to look into one: the table is printed, not published.
        var only = Environment.GetEnvironmentVariable("DASHBOARD_BENCH_VIEWS") is { Length: > 0 } names ? names.Split(',') : null;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchChromiumAsync(playwright);
        foreach (var operators in operatorCounts)
        {
            // The wall TV is a page of its own (/tv), open as a Viewer here as a TV link would open it.
            var views = new[] { ("Viewer", "/", "viewer", "viewer-demo"), ("Manager", "/", "manager", "manager-demo"), ("TV", "/tv", "viewer", "viewer-demo") };
            foreach (var (view, path, user, password) in views.Where(v => only is null || only.Contains(v.Item1)))
            {
                if (clock.Elapsed > budget)
                {
                    table.AppendLine(CultureInfo.InvariantCulture, $"| {operators:N0} | {view} | not run: the bench's {budget.TotalMinutes:0} min were spent |");
                    continue;
                }

                var heaps = await MeasureAsync(browser, operators, path, user, password, circuitCounts);
                table.Append(CultureInfo.InvariantCulture, $"| {operators:N0} | {view} |");
                foreach (var heap in heaps)
                {
                    table.Append(CultureInfo.InvariantCulture, $" {Megabytes(heap)} |");
                }

                for (var i = 1; i < heaps.Count; i++)
                {
                    table.Append(CultureInfo.InvariantCulture, $" {Megabytes((heaps[i] - heaps[0]) / (circuitCounts[i] - circuitCounts[0]))} |");
                }

                table.AppendLine();
                Console.WriteLine($"  {operators} operators, {view}: {string.Join(", ", heaps.Select(Megabytes))} ({clock.Elapsed.TotalSeconds:0} s)");
            }
        }

        table.AppendLine();
        table.AppendLine("Targets: at most 1 MB per circuit with 250 operators, 2 MB with 2,000.");
        if (only is null)
        {
            PerformanceDoc.Publish("circuits", table.ToString());
        }
        else
        {
            Console.WriteLine(table);
        }
    }

    /// <summary>Headless Chromium as the browser tests start it: <c>CHROMIUM_PATH</c> or /usr/bin/chromium.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
            ],
        });

    /// <summary>Opens <paramref name="path"/> signed in and returns once its circuit is live: the Blazor WebSocket has carried a render batch.</summary>
    public static async Task OpenDashboardAsync(IPage page, Uri baseAddress, string user, string password, string path = "/")
    {
        var rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                // The handshake answer, then the first render batch: a few frames in, the circuit is rendering.
                var frames = 0;
                socket.FrameReceived += (_, _) =>
                {
                    if (++frames >= 3)
                    {
                        rendered.TrySetResult();
                    }
                };
            }
        };
        // Generous: fifty pages opening on two cores take a while.
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        var address = new Uri(baseAddress, path);
        await page.GotoAsync(address.ToString());
        if (new Uri(page.Url).AbsolutePath == "/login")
        {
            foreach (var (field, value) in new[] { ("username", user), ("password", password) })
            {
                await page.Locator($"input[name={field}]").FillAsync(value);
            }

            await page.Locator("button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == address.AbsolutePath);
        }

        await rendered.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task<List<long>> MeasureAsync(IBrowser browser, int operators, string path, string user, string password, int[] circuitCounts)
    {
        await using var app = await BenchApp.StartAsync(new Dictionary<string, string> { ["Simulator__OperatorCount"] = operators.ToString(CultureInfo.InvariantCulture) }, TimeSpan.FromMinutes(2));
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var heaps = new List<long>();
        var open = 0;
        foreach (var count in circuitCounts)
        {
            for (; open < count; open++)
            {
                await OpenDashboardAsync(await context.NewPageAsync(), app.BaseAddress, user, password, path);
            }

            await Task.Delay(Settle);
            heaps.Add(await app.LiveHeapAsync());
        }

        return heaps;
    }

    private static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.00", CultureInfo.InvariantCulture) + " MB";
}
