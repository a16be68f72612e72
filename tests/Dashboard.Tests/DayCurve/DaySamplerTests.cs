using Dashboard.DayCurve;
using Dashboard.Demand;
using Dashboard.Live;
using Dashboard.Polling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.DayCurve;

public sealed class DaySamplerTests : IAsyncDisposable
{
    private static readonly TimeSpan LiveInterval = new PollingOptions().LiveInterval;

    private readonly SampleDatabase _db = new();
    private readonly AvailabilityStore _live = new();
    private readonly DayCurveStore _curve;
    private readonly FakeLogger<DaySampler> _log = new();

    public DaySamplerTests() => _curve = new DayCurveStore(Options.Create(new DemandOptions { TimeZone = "UTC" }), _db.Clock);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static OperatorState[] Team() =>
    [
        OperatorBuilder.An(1).WithChat(slots: 1, max: 3),
        OperatorBuilder.An(2).WithChat(slots: 0, max: 3),
        OperatorBuilder.An(3).WithChat(slots: 3, max: 3),
        OperatorBuilder.An(4).WithChat(enabled: false).WithCall(),
        OperatorBuilder.An(5).Offline(),
    ];

    private DaySampler Sampler(Microsoft.EntityFrameworkCore.IDbContextFactory<Dashboard.Storage.DashboardDbContext>? database = null, IPollingLease? lease = null) =>
        new(_live, new SampleStore(database ?? _db), _curve, _db.Clock, Options.Create(new SampleOptions()), Options.Create(new PollingOptions()), _log,
            lease ?? new SingleInstanceLease());

    [Fact]
    public void A_sample_holds_the_headline_figures_of_every_operator()
    {
        _live.PublishSnapshot(Team(), _db.Clock.GetUtcNow());

        var sample = DaySampler.Take(_live.Current, _live.Health, _db.Clock.GetUtcNow(), LiveInterval).ShouldNotBeNull();

        // Available operators and their free slots: 2 + 3 on chat (the busy one has none), 1 on call, nobody on video.
        (sample.AvailableChat, sample.FreeSlotsChat).ShouldBe((2, 5));
        (sample.AvailableCall, sample.FreeSlotsCall).ShouldBe((1, 1));
        (sample.AvailableVideo, sample.FreeSlotsVideo).ShouldBe((0, 0));
        sample.At.ShouldBe(_db.Clock.GetUtcNow());
    }

    [Fact]
    public void No_sample_is_taken_before_the_first_poll_nor_while_the_data_is_stale()
    {
        DaySampler.Take(_live.Current, _live.Health, _db.Clock.GetUtcNow(), LiveInterval).ShouldBeNull();
        _live.PublishSnapshot(Team(), _db.Clock.GetUtcNow());

        // Two live periods without an answer: the figures are no longer the present's.
        _db.Clock.Advance((2 * LiveInterval) + TimeSpan.FromSeconds(1));

        DaySampler.Take(_live.Current, _live.Health, _db.Clock.GetUtcNow(), LiveInterval).ShouldBeNull();
    }

    [Fact]
    public async Task A_tick_stores_the_sample_and_draws_it_on_the_curve()
    {
        _live.PublishSnapshot(Team(), _db.Clock.GetUtcNow());

        await Sampler().SampleOnceAsync(Token);

        (await _db.AllAsync()).Single().FreeSlotsChat.ShouldBe(5);
        _curve.Current.SampleCount.ShouldBe(1);
        _curve.Current.Hours.Single(h => h.Hour == 14).MinFree(ChannelKind.Chat).ShouldBe(5);
    }

    [Fact]
    public async Task A_tick_on_stale_data_leaves_a_gap()
    {
        _live.PublishSnapshot(Team(), _db.Clock.GetUtcNow());
        _db.Clock.Advance(TimeSpan.FromMinutes(1));

        await Sampler().SampleOnceAsync(Token);

        (await _db.AllAsync()).ShouldBeEmpty();
        _curve.Current.SampleCount.ShouldBe(0);
        _curve.Current.Hours.Single(h => h.Hour == 14).MinFree(ChannelKind.Chat).ShouldBeNull();
    }

    [Fact]
    public async Task A_database_that_does_not_answer_loses_the_sample_with_a_warning()
    {
        _live.PublishSnapshot(Team(), _db.Clock.GetUtcNow());

        await Should.NotThrowAsync(() => Sampler(new UnreachableDatabase()).SampleOnceAsync(Token));

        _log.Collector.GetSnapshot().ShouldContain(r => r.Level == LogLevel.Warning && r.Message.Contains("could not be stored", StringComparison.Ordinal));
        _curve.Current.SampleCount.ShouldBe(0);
    }

    [Fact]
    public async Task At_start_the_curve_gets_todays_stored_samples_and_not_yesterdays()
    {
        var now = _db.Clock.GetUtcNow();
        await _db.Store.AddAsync(new AvailabilitySample { At = now.AddDays(-1), FreeSlotsChat = 1 }, Token);
        await _db.Store.AddAsync(new AvailabilitySample { At = now.AddHours(-5), FreeSlotsChat = 4 }, Token);
        var sampler = Sampler();

        await sampler.StartAsync(Token);
        await sampler.StopAsync(Token);

        _curve.Current.SampleCount.ShouldBe(1);
        _curve.Current.Hours.Single(h => h.Hour == 9).MinFree(ChannelKind.Chat).ShouldBe(4);
    }

    [Fact]
    public async Task A_follower_stores_nothing_and_draws_each_sample_the_polling_instance_stored_once()
    {
        var now = _db.Clock.GetUtcNow();
        _live.PublishSnapshot(Team(), now);
        var follower = Sampler(lease: new FollowerLease());
        await _db.Store.AddAsync(new AvailabilitySample { At = now.AddMinutes(-2), FreeSlotsChat = 4 }, Token);

        await follower.SampleOnceAsync(Token);
        await _db.Store.AddAsync(new AvailabilitySample { At = now.AddMinutes(-1), FreeSlotsChat = 2 }, Token);
        await follower.SampleOnceAsync(Token);
        await follower.SampleOnceAsync(Token);

        (await _db.AllAsync()).Count.ShouldBe(2, "a follower adds no sample of its own");
        _curve.Current.SampleCount.ShouldBe(2);
        _curve.Current.Hours.Single(h => h.Hour == 13).MinFree(ChannelKind.Chat).ShouldBe(2);
    }

    /// <summary>Scaled out, an instance that does not hold the polling lease.</summary>
    private sealed class FollowerLease : IPollingLease
    {
        public bool IsHeld => false;

        public Task<CancellationToken> WaitForTurnAsync(CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => CancellationToken.None, TaskScheduler.Default);
    }
}
