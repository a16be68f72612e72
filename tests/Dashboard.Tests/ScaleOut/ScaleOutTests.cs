using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Tests.Integration;
using Microsoft.AspNetCore.SignalR.Client;
using StackExchange.Redis;

namespace Dashboard.Tests.ScaleOut;

/// <summary>
/// Several app processes on one Redis and one PostgreSQL database, reading one upstream (the simulator in the test
/// process, still, so that what they show can be compared at any moment). test.sh runs these in its PostgreSQL pass with
/// the Redis server it starts (<see cref="RedisVariable"/>); without both they are skipped, saying so.
/// </summary>
[Trait("Kind", "Integration")]
[Trait("Database", "Postgres")]
public sealed class ScaleOutTests
{
    /// <summary>A Redis server's address, e.g. <c>127.0.0.1:56379</c>; each test keeps to keys and channels of its own.</summary>
    public const string RedisVariable = "DASHBOARD_TEST_REDIS";

    private const string Admin = "admin";
    private const string Password = "scale-out-password";
    private const string WebhookSecret = "scale-out-webhook-secret";
    private static int _instances;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private static readonly string? Redis = Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } address ? address : null;

    [Fact]
    public async Task Three_instances_serve_one_picture_and_the_upstream_sees_one_instance_of_reads()
    {
        RequireRedisAndPostgres();
        await using var cluster = await Cluster.StartAsync();
        var (upstream, http, first) = (cluster.Upstream, cluster.Http, cluster.First);

        var alone = await ReadsPerMinuteAsync(upstream, http, first);

        var (second, third) = (cluster.Add(), cluster.Add());
        AppProcess[] instances = [first, second, third];
        // One sign-in on the first instance opens the others: the cookie's keys are shared in Redis.
        await SameCsvAsync(http, instances, "the three instances exporting the same operators");
        (await PollingAsync(http, instances)).ShouldBe([first]);
        using (var redis = await ConnectionMultiplexer.ConnectAsync(Redis!))
        {
            (await redis.GetDatabase().KeyExistsAsync($"{cluster.Prefix}:data-protection-keys")).ShouldBeTrue();
        }

        var together = await ReadsPerMinuteAsync(upstream, http, first);

        var (changed, before) = FlipConnection(upstream, await CsvAsync(http, second));
        await SameCsvAsync(http, instances, $"operator {changed}'s new connection on every instance", csv => Row(csv, changed) != before);
        TestContext.Current.TestOutputHelper?.WriteLine($"Upstream reads per minute: {alone:0} with one instance, {together:0} with three.");
        // A second instance reading would add its 60 polls a minute; the demand's reads, once a minute, may fall in either window.
        together.ShouldBeLessThan(alone + 30);

        // What only the polling instance reads reaches the others: the roster's names and today's demand.
        await SameOnEveryInstanceAsync(http, instances, "/tv/setup", GroupOptions, "the polling instance's groups in every instance's menu");
        await SameOnEveryInstanceAsync(http, instances, "/", Demand, "the polling instance's demand figures on every instance");
    }

    [Fact]
    public async Task A_webhook_posted_to_every_instance_is_taken_once_and_the_status_page_of_any_lists_all_three()
    {
        RequireRedisAndPostgres();
        await using var cluster = await Cluster.StartThreeAsync();
        var (upstream, http, first, second, third) = (cluster.Upstream, cluster.Http, cluster.First, cluster[1], cluster[2]);
        AppProcess[] instances = [first, second, third];

        // iAdvize's delivery and its retries, landing on each instance: the followers first.
        var (changed, before) = FlipConnection(upstream, await CsvAsync(http, second));
        var answers = new List<string>();
        foreach (var instance in new[] { third, second, first })
        {
            answers.Add(await PostWebhookAsync(instance, changed));
        }

        answers.Order(StringComparer.Ordinal).ShouldBe(["Accepted", "Duplicate", "Duplicate"]);
        await SameCsvAsync(http, instances, $"operator {changed}'s new connection on every instance", csv => Row(csv, changed) != before);
        upstream.ReadsOf($"/operator/{changed}/live").ShouldBeLessThanOrEqualTo(1, "the operator read once, by the polling instance, if at all before the poll");

        // The operations page on a follower: every instance, one polling, and the deliveries of all of them.
        await Eventually.PassesAsync(
            async () =>
            {
                var page = await http.GetStringAsync(new Uri(second.BaseAddress, "/status"), TestContext.Current.CancellationToken);
                var rows = Regex.Matches(page, "data-testid=\"status-instance\"[^>]*").Select(m => m.Value).ToList();
                rows.Count.ShouldBe(3, page);
                rows.Count(row => row.Contains("data-polling=\"true\"", StringComparison.Ordinal)).ShouldBe(1);
                page.ShouldContain("data-received=\"3\" data-duplicates=\"2\"");
            },
            "the status page of a follower listing the three instances and their deliveries",
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_change_on_a_follower_is_sent_once_and_killing_the_poller_hands_polling_over_within_two_leases()
    {
        RequireRedisAndPostgres();
        await using var cluster = await Cluster.StartThreeAsync();
        var (upstream, http, cookies, first, second, third) = (cluster.Upstream, cluster.Http, cluster.Cookies, cluster.First, cluster[1], cluster[2]);

        // A Manager on a follower: the change is sent once, by that instance, and every instance shows it verified.
        var available = await AvailableOnChatAsync(upstream, http, [first, second, third]);
        await using (var hub = await HubAsync(cookies, third))
        {
            var result = await hub.InvokeAsync<JsonElement>("SetChannelAvailability", available, "chat", false, TestContext.Current.CancellationToken);
            result.GetProperty("succeeded").GetBoolean().ShouldBeTrue(result.ToString());
        }

        await SameCsvAsync(http, [first, second, third], $"operator {available} unavailable on chat on every instance", csv => Column(csv, available, "chat_state") == "unavailable");
        upstream.Writes.ShouldBe(1);

        await first.KillAsync();
        var clock = Stopwatch.StartNew();
        var next = await Eventually.ValueAsync(
            () => PollingAsync(http, [second, third]),
            polling => polling.Count == 1,
            "one of the other instances polling",
            Lease * 4,
            TimeSpan.FromMilliseconds(20));
        var failover = clock.Elapsed;

        TestContext.Current.TestOutputHelper?.WriteLine($"Failover: {failover.TotalSeconds:0.00} s after the kill (lease {Lease.TotalSeconds:0} s).");
        failover.ShouldBeLessThan(Lease * 2);
        var (changed, before) = FlipConnection(upstream, await CsvAsync(http, second));
        await SameCsvAsync(http, [second, third], $"operator {changed}'s new connection from the new polling instance and its follower", csv => Row(csv, changed) != before);
        (await PollingAsync(http, [second, third])).ShouldBe(next);
    }

    private static void RequireRedisAndPostgres()
    {
        Assert.SkipUnless(Redis is not null, $"{RedisVariable} names no Redis server: test.sh sets it in its PostgreSQL pass.");
        Assert.SkipUnless(TestDatabase.IsPostgres, $"Scaled out, storage is PostgreSQL: {TestDatabase.PostgresVariable} is not set.");
    }

    /// <summary>One test's upstream, database and instances, with a client signed in on the first (the polling one).</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private readonly TestDatabase _database = new();
        private readonly List<AppProcess> _instances = [];

        private Cluster(CountingSimulator upstream) => Upstream = upstream;

        public CountingSimulator Upstream { get; }

        public string Prefix { get; } = $"dashboard-test-{Guid.NewGuid():N}";

        /// <summary>The sign-in of <see cref="Http"/>, for a hub connection as the same person.</summary>
        public CookieContainer Cookies { get; } = new();

        public HttpClient Http { get; private set; } = null!;

        public AppProcess First => _instances[0];

        public AppProcess this[int index] => _instances[index];

        /// <summary>The first instance, polling, and a client signed in on it.</summary>
        public static async Task<Cluster> StartAsync()
        {
            var cluster = new Cluster(await CountingSimulator.StartAsync(operators: 30));
            try
            {
                cluster.Http = await SignedInClientAsync(cluster.Add(), cluster.Cookies);
                await WaitForPollingAsync(cluster.Http, [cluster.First]);
                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        /// <summary>Three instances, the first polling, all three exporting the same operators.</summary>
        public static async Task<Cluster> StartThreeAsync()
        {
            var cluster = await StartAsync();
            cluster.Add();
            cluster.Add();
            await SameCsvAsync(cluster.Http, cluster._instances, "the three instances exporting the same operators");
            return cluster;
        }

        /// <summary>One more instance on the same upstream, database and Redis prefix.</summary>
        public AppProcess Add()
        {
            var instance = Start(Upstream, _database, Prefix);
            _instances.Add(instance);
            return instance;
        }

        public async ValueTask DisposeAsync()
        {
            for (var i = _instances.Count - 1; i >= 0; i--)
            {
                await _instances[i].DisposeAsync();
            }

            Http?.Dispose();
            await _database.DisposeAsync();
            await Upstream.DisposeAsync();
        }
    }

    private static AppProcess Start(CountingSimulator upstream, TestDatabase database, string prefix) =>
        AppProcess.Start(
            new Dictionary<string, string>
            {
                ["Iadvize__BaseUrl"] = upstream.BaseUrl.ToString(),
                ["Iadvize__ApiKey"] = CountingSimulator.ApiKey,
                ["Polling__LiveInterval"] = "00:00:01",
                ["Redis__ConnectionString"] = Redis!,
                ["Redis__Prefix"] = prefix,
                ["Redis__Lease"] = Lease.ToString("c", CultureInfo.InvariantCulture),
                ["Auth__BootstrapAdmin__UserName"] = Admin,
                ["Auth__BootstrapAdmin__Password"] = Password,
                ["Audit__InstanceName"] = $"instance-{Interlocked.Increment(ref _instances)}",
                ["Webhooks__Secret"] = WebhookSecret,
            },
            database);

    // A signed delivery about the operator, with one event id and correlation id whatever instance it lands on.
    private static async Task<string> PostWebhookAsync(AppProcess instance, int operatorId)
    {
        var body = $$"""{"eventId": "evt-scale-out-{{operatorId}}", "eventType": "user.connected", "userId": {{operatorId}}}""";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), Encoding.UTF8.GetBytes(body)));
        using var http = new HttpClient { BaseAddress = instance.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/iadvize") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-iadvize-signature", $"sha256={signature}");
        request.Headers.Add("x-iadvize-correlationid", $"corr-scale-out-{operatorId}");
        request.Headers.Add("x-iadvize-delivery", Guid.NewGuid().ToString());
        using var answer = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static string GroupOptions(string page)
    {
        var menu = Regex.Match(page, "<select id=\"tv-group\".*?</select>", RegexOptions.Singleline).Value;
        var options = Regex.Matches(menu, "<option value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        options.ShouldNotBeEmpty("the group menu lists the roster's groups");
        return string.Join('|', options);
    }

    private static string Demand(string page)
    {
        page.ShouldContain("data-testid=\"demand-band\" data-stale=\"false\"");
        var figures = Regex.Matches(page, "<span class=\"demand-value\" data-testid=\"demand\"[^>]*>[^<]*</span>").Select(m => m.Value).ToList();
        figures.ShouldNotBeEmpty("demand figures shown");
        return string.Join('|', figures);
    }

    // The same text drawn from one page of every instance.
    private static Task SameOnEveryInstanceAsync(HttpClient http, IReadOnlyList<AppProcess> instances, string path, Func<string, string> part, string what) =>
        Eventually.PassesAsync(
            async () =>
            {
                var parts = new List<string>();
                foreach (var instance in instances)
                {
                    parts.Add(part(await http.GetStringAsync(new Uri(instance.BaseAddress, path), TestContext.Current.CancellationToken)));
                }

                parts.Distinct().Count().ShouldBe(1, string.Join(Environment.NewLine, parts));
            },
            what,
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(500));

    // Cookies are not kept per port: this client's sign-in goes to every instance on 127.0.0.1.
    private static async Task<HttpClient> SignedInClientAsync(AppProcess app, CookieContainer? cookies = null)
    {
        var handler = new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false };
        var http = new HttpClient(handler)
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(10),
        };
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    using var answer = await DashboardFactory.PostLoginAsync(http, Admin, Password);
                    return answer.StatusCode == HttpStatusCode.Redirect;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            $"signing in on {app.BaseAddress}",
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(200));
        return http;
    }

    private static Task WaitForPollingAsync(HttpClient http, IReadOnlyList<AppProcess> instances) =>
        Eventually.TrueAsync(async () => (await PollingAsync(http, instances)).Count == 1, "one instance polling", TimeSpan.FromSeconds(30));

    /// <summary>The instances that say (<c>dashboard_polling</c> on <c>/metrics</c>) they poll; one that does not answer does not.</summary>
    private static async Task<List<AppProcess>> PollingAsync(HttpClient http, IReadOnlyList<AppProcess> instances)
    {
        var polling = new List<AppProcess>();
        foreach (var instance in instances)
        {
            if (await MetricAsync(http, instance, "dashboard_polling") == 1)
            {
                polling.Add(instance);
            }
        }

        return polling;
    }

    private static async Task<double?> MetricAsync(HttpClient http, AppProcess instance, string name)
    {
        try
        {
            var text = await http.GetStringAsync(new Uri(instance.BaseAddress, "/metrics"), TestContext.Current.CancellationToken);
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    // Over eight polls of the polling instance (its last success moving on by 8 s): what the upstream answered per minute.
    private static async Task<double> ReadsPerMinuteAsync(CountingSimulator upstream, HttpClient http, AppProcess polling)
    {
        var from = await Eventually.ValueAsync(() => MetricAsync(http, polling, "dashboard_upstream_last_success_timestamp_seconds"), value => value > 0, "a first poll");
        var reads = upstream.Reads;
        var clock = Stopwatch.StartNew();
        await Eventually.TrueAsync(
            async () => await MetricAsync(http, polling, "dashboard_upstream_last_success_timestamp_seconds") >= from + 8,
            "eight seconds of polls",
            TimeSpan.FromSeconds(40),
            TimeSpan.FromMilliseconds(100));
        return (upstream.Reads - reads) / clock.Elapsed.TotalMinutes;
    }

    // Without the first column (taken_at): the polling instance moves it every second, its followers a moment later.
    private static async Task<string> CsvAsync(HttpClient http, AppProcess instance)
    {
        using var answer = await http.GetAsync(new Uri(instance.BaseAddress, "/export/operators.csv"), TestContext.Current.CancellationToken);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, $"the export of {instance.BaseAddress}");
        var csv = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return string.Join('\n', csv.Split('\n').Select(line => line[(line.IndexOf(',', StringComparison.Ordinal) + 1)..]));
    }

    private static async Task<string> SameCsvAsync(HttpClient http, IReadOnlyList<AppProcess> instances, string what, Func<string, bool>? showing = null)
    {
        string? same = null;
        await Eventually.PassesAsync(
            async () =>
            {
                var exports = new List<string>();
                foreach (var instance in instances)
                {
                    exports.Add(await CsvAsync(http, instance));
                }

                exports[0].Split('\n').Length.ShouldBeGreaterThan(30, "every operator exported");
                exports.Distinct().Count().ShouldBe(1, "one picture on every instance");
                (showing?.Invoke(exports[0]) ?? true).ShouldBeTrue("the change shown");
                same = exports[0];
            },
            what,
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(200));
        return same!;
    }

    // Connects the first operator exported, or disconnects them if connected; answers their row before.
    private static (int Id, string Before) FlipConnection(CountingSimulator upstream, string csv)
    {
        var row = csv.Split('\n')[1];
        var id = int.Parse(row.Split(',')[0], CultureInfo.InvariantCulture);
        if (row.Contains(",True,", StringComparison.OrdinalIgnoreCase))
        {
            upstream.Platform.Disconnect(id);
        }
        else
        {
            upstream.Platform.Connect(id);
        }

        return (id, row);
    }

    // Connects operators until one is available on chat on every instance; answers that one.
    private static async Task<int> AvailableOnChatAsync(CountingSimulator upstream, HttpClient http, IReadOnlyList<AppProcess> instances)
    {
        foreach (var id in upstream.Platform.OperatorIds.Take(5))
        {
            upstream.Platform.Connect(id);
        }

        var csv = await SameCsvAsync(http, instances, "operators connected upstream shown on every instance",
            csv => csv.Split('\n').Skip(1).Any(line => line.Length > 0 && Column(csv, Id(line), "chat_state") == "available"));
        return csv.Split('\n').Skip(1).Where(line => line.Length > 0).Select(Id).First(id => Column(csv, id, "chat_state") == "available");
    }

    private static async Task<HubConnection> HubAsync(CookieContainer signedIn, AppProcess instance)
    {
        var cookies = signedIn.GetCookieHeader(instance.BaseAddress);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(instance.BaseAddress, "hubs/availability"), options =>
            {
                options.Headers["Cookie"] = cookies;
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            })
            .Build();
        await hub.StartAsync(TestContext.Current.CancellationToken);
        return hub;
    }

    private static int Id(string line) => int.Parse(line.Split(',')[0], CultureInfo.InvariantCulture);

    private static string Column(string csv, int id, string column) =>
        Row(csv, id).Split(',')[Array.IndexOf(csv.Split('\n')[0].Split(','), column)];

    private static string Row(string csv, int id) =>
        csv.Split('\n').Single(line => line.StartsWith(id.ToString(CultureInfo.InvariantCulture) + ",", StringComparison.Ordinal));
}
