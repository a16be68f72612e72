using System.Net;
using Dashboard.Live;
using Dashboard.Polling;
using Iadvize.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Dashboard.Tests.Polling;

public sealed class PollCycleTests
{
    private const string Base = "https://api.test/api/2";
    private readonly MockHttpMessageHandler _http = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly AvailabilityStore _store = new();
    private readonly MockedRequest _roster;
    private HttpStatusCode _liveStatus = HttpStatusCode.OK;
    private int _chatSlots;

    public PollCycleTests()
    {
        _roster = _http.When(HttpMethod.Get, $"{Base}/operator").Respond("application/json", """
            {"meta": {"status": "success"}, "data": [{"id": 7, "name": "Martin", "first_name": "Alice", "group_id": 3, "skill_list": [12, 11], "website_list": [5],
             "chat_enabled": true, "call_enabled": false, "video_enabled": false},
             {"id": 8, "name": "Never", "first_name": "Logged-in", "chat_enabled": true, "call_enabled": false, "video_enabled": false}]}
            """);
        _http.When(HttpMethod.Get, $"{Base}/group").Respond("application/json", """{"meta": {"status": "success"}, "data": [{"id": 3, "name": "Support"}]}""");
        _http.When(HttpMethod.Get, $"{Base}/skill").Respond("application/json", """{"meta": {"status": "success"}, "data": [{"id": 11, "name": "Premium"}, {"id": 12, "name": "English"}]}""");
        _http.When(HttpMethod.Get, $"{Base}/website").Respond("application/json", """{"meta": {"status": "success"}, "data": [{"id": 5, "label": "Shop", "url": "https://shop.example"}]}""");
        _http.When(HttpMethod.Get, $"{Base}/operator/live").Respond(_ => _liveStatus == HttpStatusCode.OK
            ? new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""
                    {"meta": {"status": "success"}, "data": [{"id": 7, "connected": true,
                     "chat": {"enabled": true, "slot_number": {{_chatSlots}}, "slot_max_number": 3, "busy": false, "available": true} }]}
                    """, System.Text.Encoding.UTF8, "application/json"),
            }
            : new HttpResponseMessage(_liveStatus));
    }

    private PollCycle Cycle(PollingOptions? options = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(IadvizeClient.Create(new HttpClient(_http) { BaseAddress = new Uri(Base) }))
            .BuildServiceProvider();
        return new PollCycle(services.GetRequiredService<IServiceScopeFactory>(), _store, _clock,
            Options.Create(options ?? new PollingOptions()), NullLogger<PollCycle>.Instance, new RequestBudget(new PollingOptions().MaxRequestsPerMinute, _clock));
    }

    [Fact]
    public async Task A_cycle_joins_live_state_with_the_roster_and_lists_never_seen_operators_as_offline()
    {
        await Cycle().RunOnceAsync(TestContext.Current.CancellationToken);

        var alice = _store.Current.Find(7)!;
        alice.Name.ShouldBe("Alice Martin");
        alice.Group.ShouldBe("Support");
        alice.Skills.ShouldBe("English, Premium");
        alice.Websites.ShouldBe("Shop");
        alice.Chat.Status.ShouldBe(ChannelStatus.Available);
        _store.Current.Find(8)!.Chat.Status.ShouldBe(ChannelStatus.Offline);
        _store.Health.LastSuccessAt.ShouldBe(_clock.GetUtcNow());
    }

    [Fact]
    public async Task A_failed_cycle_keeps_the_last_good_picture_and_the_next_good_cycle_recovers()
    {
        var cycle = Cycle();
        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);
        var good = _store.Current;

        _liveStatus = HttpStatusCode.ServiceUnavailable;
        _clock.Advance(TimeSpan.FromSeconds(3));
        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromSeconds(3));
        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);

        _store.Current.ShouldBeSameAs(good);
        _store.Health.ConsecutiveFailures.ShouldBe(2);
        _store.Health.LastError!.ShouldContain("HTTP 503");
        _store.Health.IsStale(_clock.GetUtcNow().AddSeconds(1), TimeSpan.FromSeconds(3)).ShouldBeTrue();

        _liveStatus = HttpStatusCode.OK;
        _chatSlots = 2;
        _clock.Advance(TimeSpan.FromSeconds(3));
        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);

        _store.Health.ConsecutiveFailures.ShouldBe(0);
        _store.Health.LastError.ShouldBeNull();
        _store.Current.Find(7)!.Chat.Slots.ShouldBe(2);
    }

    [Fact]
    public async Task The_roster_is_read_at_start_and_again_only_once_its_interval_has_passed()
    {
        var cycle = Cycle(new PollingOptions { LiveInterval = TimeSpan.FromSeconds(3), RosterInterval = TimeSpan.FromMinutes(5) });

        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < 10; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(3));
            await cycle.RunOnceAsync(TestContext.Current.CancellationToken);
        }

        _http.GetMatchCount(_roster).ShouldBe(1);

        _clock.Advance(TimeSpan.FromMinutes(5));
        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);

        _http.GetMatchCount(_roster).ShouldBe(2);
    }
}
