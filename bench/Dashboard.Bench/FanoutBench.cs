using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// Fan-out: many .NET SignalR hub clients (signed in as the demo Viewer) and some browser dashboards on one app, while the
/// bench changes about 100 operators a second on the simulator's own API (as people in iAdvize would, unseen by the app;
/// the simulator's own activity is off, so the rate is the bench's). Each change set carries the time the app published
/// it (<c>At</c>, the app's clock, which is this machine's): a client's delay is when it got the change set minus that.
/// The app's CPU is its processor time over the measured window, per core.
/// </summary>
internal static class FanoutBench
{
    private const string ApiKey = "fanout-bench-key";

    private sealed record ChangeSetHeader(long Sequence, DateTimeOffset At, IReadOnlyList<object> Changes);

    public static async Task RunAsync(int clients, int browsers, TimeSpan window)
    {
        var settings = new Dictionary<string, string>
        {
            ["Simulator__OperatorCount"] = "1000",
            ["Simulator__RunActivity"] = "false",
            ["Simulator__ApiKey"] = ApiKey,
            ["Polling__LiveInterval"] = "00:00:01",
            // 1,000 operators are 10 pages a poll: the default budget (240 a minute) would stretch the cycle to 2.5 s. The
            // simulator is local; the bench measures the fan-out, not the budget.
            ["Polling__MaxRequestsPerMinute"] = "100000",
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
        var candidates = await CandidatesAsync(connections[0]);
        using var upstream = new HttpClient { BaseAddress = new Uri(app.BaseAddress, "simulator/api/2/") };
        upstream.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
        using var stop = new CancellationTokenSource();
        var driving = DriveAsync(upstream, candidates, stop.Token);
        var cpuBefore = app.CpuTime;
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(window);
        Volatile.Write(ref measuring, false);
        await stop.CancelAsync();
        var made = await driving;
        var cpu = (app.CpuTime - cpuBefore) / clock.Elapsed / Environment.ProcessorCount;
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));

        var sorted = delays.Order().ToArray();
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Fan-out: {clients:N0} .NET hub clients and {browsers} browser dashboards (Viewer), 1,000 simulated operators, live poll every 1 s, {window.TotalSeconds:0} s measured");
        table.AppendLine();
        table.AppendLine("| hub clients | browsers | changes made per second | change sets | operator changes per second | deliveries | p50 | p95 | p99 | max | app CPU (of 2 cores) | connect time |");
        table.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| {clients:N0} | {browsers} | {made / clock.Elapsed.TotalSeconds:N0} | {changes.Count} | {changes.Values.Sum() / clock.Elapsed.TotalSeconds:N0} | {sorted.Length:N0} | {Percentile(sorted, 0.50)} | {Percentile(sorted, 0.95)} | {Percentile(sorted, 0.99)} | {Percentile(sorted, 1)} | {cpu:P0} | {connect.Elapsed.TotalSeconds:N1} s |");
        table.AppendLine();
        table.AppendLine("Delay: from the app's change set (ChangeSet.At, when the poll published it) to the hub client's handler. Target: p95 at most 250 ms.");
        PerformanceDoc.Publish("fanout", table.ToString());
    }

    // Connected operators whose chat is on or off (not busy, not disabled): with no activity, each change the bench makes
    // is one the next poll sees.
    private static async Task<Dictionary<int, bool>> CandidatesAsync(HubConnection connection)
    {
        var snapshot = await connection.InvokeAsync<Dashboard.Realtime.SnapshotMessage>("GetSnapshot");
        return snapshot.Operators
            .Where(o => o.Connected && o.Chat.Status is Dashboard.Live.ChannelStatus.Available or Dashboard.Live.ChannelStatus.Unavailable)
            .ToDictionary(o => o.Id, o => o.Chat.Status == Dashboard.Live.ChannelStatus.Available);
    }

    // About 100 changes a second: every 100 ms, ten operators' chat switched the other way, round the candidates.
    private static async Task<int> DriveAsync(HttpClient upstream, Dictionary<int, bool> available, CancellationToken stop)
    {
        if (available.Count == 0)
        {
            throw new InvalidOperationException("No connected operator with chat on or off to change.");
        }

        var candidates = available.Keys.ToArray();
        var next = 0;
        var made = 0;
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await ticks.WaitForNextTickAsync(stop))
            {
                var batch = Enumerable.Range(0, 10).Select(_ => candidates[next++ % candidates.Length]).ToArray();
                await Task.WhenAll(batch.Select(async id =>
                {
                    var on = !available[id];
                    using var put = await upstream.PutAsync($"operator/{id}/live", new FormUrlEncodedContent([new("chat[available]", on ? "1" : "0")]), CancellationToken.None);
                    put.EnsureSuccessStatusCode();
                }));
                foreach (var id in batch)
                {
                    available[id] = !available[id];
                }

                made += batch.Length;
            }
        }
        catch (OperationCanceledException)
        {
        }

        return made;
    }

    /// <summary>The value below which <paramref name="share"/> of the sorted values fall, in milliseconds.</summary>
    public static string Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? "none" : $"{sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(share * sorted.Length) - 1)]:N0} ms";
}
