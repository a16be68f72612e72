using System.Collections.Immutable;
using Dashboard.DayCurve;
using Dashboard.Demand;
using Dashboard.Live;
using Dashboard.Polling;
using Dashboard.ScaleOut;
using Dashboard.Tests.Demand;
using Dashboard.Webhooks;
using Iadvize.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using StackExchange.Redis;

namespace Dashboard.Tests.ScaleOut;

/// <summary>
/// Two instances' replication in one process on a real Redis (test.sh's PostgreSQL pass names it; skipped without): what
/// a follower gets besides the picture, and what it asks of the polling instance.
/// </summary>
[Trait("Database", "Postgres")]
public sealed class LiveReplicationTests
{
    private const string Base = "https://api.test/api/2";
    private static readonly string? Redis = Environment.GetEnvironmentVariable(ScaleOutTests.RedisVariable) is { Length: > 0 } address ? address : null;
    private static readonly DateTimeOffset Midnight = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_follower_gets_the_roster_and_the_demand_of_the_polling_instance_and_hands_it_webhook_reads()
    {
        Assert.SkipUnless(Redis is not null, $"{ScaleOutTests.RedisVariable} names no Redis server: test.sh sets it in its PostgreSQL pass.");
        var prefix = $"dashboard-test-{Guid.NewGuid():N}";
        await using var polling = await Instance.StartAsync(prefix);
        await using var follower = await Instance.StartAsync(prefix);
        polling.Poll.Adopt(new Roster(
            [new OperatorDetails(7, "Martin", "Alice", null, null, null, 3, [11], [5], true, false, false) { Roles = ["expert"] }],
            [new NamedNode(3, "Support", null)], [new NamedNode(11, "Premium", null)], [new Website(5, "Shop", null, null, null)]));
        polling.Store.PublishSnapshot([OperatorBuilder.An(7).WithChat(available: true)], DateTimeOffset.UtcNow);

        await polling.Replication.BeginTermAsync(Token);
        polling.Demand.Publish(DemandBuilder.Today(Midnight).With(ChannelKind.Chat, DemandIndicator.MissedBusy, 4).Build(), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(2));
        polling.Curve.PublishHourly(new HourlyMissed(Midnight, ImmutableDictionary<DateTimeOffset, HourMissed>.Empty.Add(Midnight.AddHours(8), new HourMissed(1, 2)), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(2)));

        await Eventually.TrueAsync(() => follower.Poll.Roster.GroupNames.Values.Contains("Support"), "the roster's groups on the follower");
        follower.Poll.Roster.SkillNames.Values.ToArray().ShouldBe(["Premium"]);
        follower.Poll.Roster.WebsiteNames.Values.ToArray().ShouldBe(["Shop"]);
        follower.Poll.Roster.Operators[7].Roles.ShouldBe(["expert"]);
        await Eventually.TrueAsync(() => follower.Demand.Current.Figures?.Chat[DemandIndicator.MissedBusy] == 4, "the demand on the follower");
        await Eventually.TrueAsync(() => follower.Curve.HourlyNow.Hourly?.Hours.Count == 1, "the missed opportunities per hour on the follower");
        follower.Store.Current.Find(7).ShouldNotBeNull();

        // A webhook on the follower: the polling instance reads the operator (the follower's upstream has no answer for
        // it), and its change set reaches the follower.
        polling.Http.Expect(HttpMethod.Get, $"{Base}/operator/7/live").Respond("application/json", """
            {"meta": {"status": "success"}, "data": {"id": 7, "connected": true, "chat": {"enabled": true, "slot_number": 0, "slot_max_number": 3, "busy": false, "available": false}}}
            """);
        follower.Replication.Request(7).ShouldBeTrue();

        await Eventually.TrueAsync(() => follower.Store.Current.Find(7)?.Chat.Status == ChannelStatus.Unavailable, "the polling instance's read on the follower");
        polling.Http.VerifyNoOutstandingExpectation();
    }

    /// <summary>One instance's parts that replication joins, on its own Redis connection, reading a mocked upstream.</summary>
    private sealed class Instance : IAsyncDisposable
    {
        private readonly ConnectionMultiplexer _redis;
        private readonly CancellationTokenSource _stop = new();

        private Instance(ConnectionMultiplexer redis, string prefix)
        {
            _redis = redis;
            var services = new ServiceCollection()
                .AddSingleton(IadvizeClient.Create(new HttpClient(Http) { BaseAddress = new Uri(Base) }))
                .BuildServiceProvider();
            Poll = new PollCycle(services.GetRequiredService<IServiceScopeFactory>(), Store, TimeProvider.System, Options.Create(new PollingOptions()),
                NullLogger<PollCycle>.Instance, new RequestBudget(new PollingOptions().MaxRequestsPerMinute, TimeProvider.System));
            Curve = new DayCurveStore(Options.Create(new DemandOptions { TimeZone = "UTC" }), TimeProvider.System);
            Refreshes = new OperatorRefreshQueue(Poll, NullLogger<OperatorRefreshQueue>.Instance);
            Replication = new LiveReplication(redis, Store, Poll, Demand, Curve, Refreshes,
                Options.Create(new ScaleOutOptions { ConnectionString = Redis, Prefix = prefix, SnapshotInterval = TimeSpan.FromSeconds(30) }),
                TimeProvider.System, NullLogger<LiveReplication>.Instance);
        }

        public MockHttpMessageHandler Http { get; } = new();

        public AvailabilityStore Store { get; } = new();

        public PollCycle Poll { get; }

        public DemandStore Demand { get; } = new();

        public DayCurveStore Curve { get; }

        public OperatorRefreshQueue Refreshes { get; }

        public LiveReplication Replication { get; }

        public static async Task<Instance> StartAsync(string prefix)
        {
            var instance = new Instance(await ConnectionMultiplexer.ConnectAsync(Redis!), prefix);
            await instance.Refreshes.StartAsync(instance._stop.Token);
            await instance.Replication.StartAsync(instance._stop.Token);
            return instance;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Replication.StopAsync(CancellationToken.None);
            await Refreshes.StopAsync(CancellationToken.None);
            Replication.Dispose();
            Refreshes.Dispose();
            _stop.Dispose();
            await _redis.DisposeAsync();
        }
    }
}
