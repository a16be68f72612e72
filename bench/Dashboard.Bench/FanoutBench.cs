using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// Fan-out: many .NET SignalR hub clients (signed in as the demo Viewer) and some browser dashboards on one app whose
/// simulator keeps its operators busy. Each change set carries the time its poll took the picture (<c>At</c>, the
/// app's clock, which is this machine's): a client's delay is when it got the change set minus that. The app's CPU is
/// its processor time over the measured window, per core.
/// </summary>
internal static class FanoutBench
{
    private sealed record ChangeSetHeader(long Sequence, DateTimeOffset At, IReadOnlyList<object> Changes);

    public static async Task RunAsync(int clients, int browsers, TimeSpan window)
    {
        var settings = new Dictionary<string, string>
        {
            ["Simulator__OperatorCount"] = "1000",
            // Enough contacts that about 100 operators change each second.
            ["Simulator__ContactsPerMinute"] = "6000",
            ["Polling__LiveInterval"] = "00:00:01",
        };
        await using var app = await BenchApp.StartAsync(settings, TimeSpan.FromMinutes(2));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await CircuitsBench.LaunchChromiumAsync(playwright);
        await using var context = await browser.NewContextAsync();
        for (var i = 0; i < Math.Max(browsers, 1); i++)
        {
            await CircuitsBench.OpenDashboardAsync(await context.NewPageAsync(), app.BaseAddress, "viewer", "viewer-demo");
        }

        var cookie = string.Join("; ", (await context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        if (browsers == 0)
        {
            // The page was only for signing in.
            await context.Pages[0].CloseAsync();
        }

        var delays = new ConcurrentBag<double>();
        var changes = new ConcurrentDictionary<long, int>();
        var measuring = false;
        var connections = new List<HubConnection>();
        var connect = Stopwatch.StartNew();
        foreach (var batch in Enumerable.Range(0, clients).Chunk(50))
        {
            await Task.WhenAll(batch.Select(async _ =>
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(app.BaseAddress, "hubs/availability"), options =>
                    {
                        options.Headers["Cookie"] = cookie;
                        options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                        options.SkipNegotiation = true;
                    })
                    .Build();
                connection.On<ChangeSetHeader>("Changes", changeSet =>
                {
                    if (Volatile.Read(ref measuring))
                    {
                        delays.Add((DateTimeOffset.UtcNow - changeSet.At).TotalMilliseconds);
                        changes.TryAdd(changeSet.Sequence, changeSet.Changes.Count);
                    }
                });
                await connection.StartAsync();
                lock (connections)
                {
                    connections.Add(connection);
                }
            }));
        }

        connect.Stop();
        var cpuBefore = app.CpuTime;
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(window);
        Volatile.Write(ref measuring, false);
        var cpu = (app.CpuTime - cpuBefore) / clock.Elapsed / Environment.ProcessorCount;
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));

        var sorted = delays.Order().ToArray();
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Fan-out: {clients:N0} .NET hub clients and {browsers} browser dashboards (Viewer), 1,000 simulated operators, live poll every 1 s, {window.TotalSeconds:0} s measured");
        table.AppendLine();
        table.AppendLine("| hub clients | browsers | change sets | operator changes per second | deliveries | p50 | p95 | p99 | max | app CPU (of 2 cores) | connect time |");
        table.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| {clients:N0} | {browsers} | {changes.Count} | {changes.Values.Sum() / clock.Elapsed.TotalSeconds:N0} | {sorted.Length:N0} | {Percentile(sorted, 0.50)} | {Percentile(sorted, 0.95)} | {Percentile(sorted, 0.99)} | {Percentile(sorted, 1)} | {cpu:P0} | {connect.Elapsed.TotalSeconds:N1} s |");
        table.AppendLine();
        table.AppendLine("Delay: from the poll's picture (ChangeSet.At) to the hub client's handler. Target: p95 at most 250 ms.");
        PerformanceDoc.Publish("fanout", table.ToString());
    }

    /// <summary>The value below which <paramref name="share"/> of the sorted values fall, in milliseconds.</summary>
    public static string Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? "none" : $"{sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(share * sorted.Length) - 1)]:N0} ms";
}
