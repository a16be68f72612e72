using System.Net;
using System.Web;
using Dashboard.Live;
using Dashboard.Polling;
using Iadvize.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Dashboard.Tests.Polling;

/// <summary>The poller against a scripted upstream, with the request budget in the HTTP pipeline as in the app.</summary>
public sealed class PollerBehaviourTests
{
    private const string Base = "https://api.test";
    private readonly MockHttpMessageHandler _http = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly AvailabilityStore _store = new();
    private readonly List<DateTimeOffset> _sent = [];
    private Func<HttpRequestMessage, HttpResponseMessage> _live;
    private int _operators = 3;
    private bool _rosterIsEmpty;

    public PollerBehaviourTests()
    {
        _live = LivePage;
        // The roster knows every operator but the last one, which joined after it was read.
        _http.When(HttpMethod.Get, $"{Base}/operator").Respond(_ => Json($$"""
            {"meta": {"status": "success"}, "data": [{{string.Join(',', Enumerable.Range(1, _rosterIsEmpty ? 0 : _operators - 1).Select(id => $$"""{"id": {{id}}, "name": "Operator {{id}}"}"""))}}]}
            """));
        _http.When(HttpMethod.Get, $"{Base}/group").Respond(_ => Json("""{"meta": {"status": "success"}, "data": []}"""));
        _http.When(HttpMethod.Get, $"{Base}/operator/live").Respond(request => _live(request));
    }

    private PollCycle Cycle(PollingOptions? options = null, int budgetPerMinute = 1_000)
    {
        var budget = new RequestBudget(budgetPerMinute, _clock);
        var counting = new CountingHandler(_sent, _clock) { InnerHandler = _http };
        var client = IadvizeClient.Create(new HttpClient(new RequestBudgetHandler(budget) { InnerHandler = counting }) { BaseAddress = new Uri(Base) });
        var services = new ServiceCollection().AddSingleton(client).BuildServiceProvider();
        return new PollCycle(services.GetRequiredService<IServiceScopeFactory>(), _store, _clock,
            Options.Create(options ?? new PollingOptions()), NullLogger<PollCycle>.Instance, budget);
    }

    private async Task TicksAsync(PollCycle cycle, int count, TimeSpan every)
    {
        for (var i = 0; i < count; i++)
        {
            await cycle.RunOnceAsync(TestContext.Current.CancellationToken);
            _clock.Advance(every);
        }
    }

    [Fact]
    public async Task A_429_pauses_polling_for_its_Retry_After_instead_of_retrying_inside_the_cycle()
    {
        var cycle = Cycle();
        var liveCalls = 0;
        _live = request =>
        {
            liveCalls++;
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return response;
        };

        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);

        liveCalls.ShouldBe(1);
        _store.Health.NextAttemptAt.ShouldBe(_clock.GetUtcNow().AddSeconds(30));
        _store.Health.LastError!.ShouldContain("slow down");

        _live = LivePage;
        _clock.Advance(TimeSpan.FromSeconds(3));
        await TicksAsync(cycle, 9, TimeSpan.FromSeconds(3));
        liveCalls.ShouldBe(1);
        _store.Health.ConsecutiveFailures.ShouldBe(1);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);
        _store.Health.ConsecutiveFailures.ShouldBe(0);
        _store.Current.Operators.Length.ShouldBe(3);
    }

    public static TheoryData<string, string> Faults => new()
    {
        { "server-error", "HTTP 500" },
        { "malformed", "not the documented JSON" },
        { "unreachable", "did not answer" },
        { "timeout", "did not answer" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Under_each_fault_the_last_good_picture_stays_goes_stale_with_the_error_and_the_first_good_cycle_recovers(string fault, string said)
    {
        var cycle = Cycle();
        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);
        var good = _store.Current;
        _live = fault switch
        {
            "server-error" => _ => new HttpResponseMessage(HttpStatusCode.InternalServerError),
            "malformed" => _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>upstream maintenance</html>") },
            "unreachable" => _ => throw new HttpRequestException("Connection refused"),
            _ => _ => throw new TaskCanceledException("The request timed out.", new TimeoutException()),
        };

        await TicksAsync(cycle, 3, TimeSpan.FromSeconds(3));

        _store.Current.ShouldBeSameAs(good);
        _store.Health.ConsecutiveFailures.ShouldBe(3);
        _store.Health.LastError!.ShouldContain(said);
        _store.Health.IsStale(_clock.GetUtcNow(), new PollingOptions().LiveInterval).ShouldBeTrue();

        _live = LivePage;
        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);

        _store.Health.ConsecutiveFailures.ShouldBe(0);
        _store.Health.IsStale(_clock.GetUtcNow(), new PollingOptions().LiveInterval).ShouldBeFalse();
    }

    [Fact]
    public async Task A_rejected_key_stops_polling_until_someone_resumes_it()
    {
        var cycle = Cycle();
        var liveCalls = 0;
        _live = _ =>
        {
            liveCalls++;
            return Json("""{"meta": {"status": "error", "message": "Forbidden"}}""", HttpStatusCode.Forbidden);
        };

        await TicksAsync(cycle, 20, TimeSpan.FromSeconds(3));

        liveCalls.ShouldBe(1);
        _store.Health.KeyRejected.ShouldBeTrue();
        _store.Health.LastError!.ShouldContain("API key");

        _live = LivePage;
        cycle.Resume();
        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);

        _store.Health.KeyRejected.ShouldBeFalse();
        _store.Current.Operators.Length.ShouldBe(3);
    }

    [Fact]
    public async Task The_poller_never_exceeds_its_request_budget_however_many_operators_there_are()
    {
        _operators = 1_000;
        var cycle = Cycle(new PollingOptions { LiveInterval = TimeSpan.FromSeconds(3), MaxRequestsPerMinute = 30 }, budgetPerMinute: 30);

        await TicksAsync(cycle, 120, TimeSpan.FromSeconds(3));

        _sent.Count.ShouldBeGreaterThan(20);
        foreach (var start in _sent)
        {
            _sent.Count(at => at >= start && at < start.AddMinutes(1)).ShouldBeLessThanOrEqualTo(30 - new PollingOptions { MaxRequestsPerMinute = 30 }.ReservedForCommands);
        }

        _store.Current.Operators.Length.ShouldBe(1_000);
        // 10 requests a cycle within 27 a minute: a poll every 22 s or so, and data that old is not stale.
        _store.Health.Cadence.ShouldNotBeNull().TotalSeconds.ShouldBeInRange(20, 25);
        _store.Health.IsStale(_store.Health.LastSuccessAt!.Value.AddSeconds(30), TimeSpan.FromSeconds(3)).ShouldBeFalse();
        _store.Health.IsStale(_store.Health.LastSuccessAt!.Value.AddSeconds(60), TimeSpan.FromSeconds(3)).ShouldBeTrue();
    }

    [Fact]
    public async Task One_cycle_costs_one_request_per_hundred_operators()
    {
        _operators = 1_000;
        var cycle = Cycle();
        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);
        _sent.Clear();

        _clock.Advance(TimeSpan.FromSeconds(3));
        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);

        _sent.Count.ShouldBe(10);
    }

    [Fact]
    public async Task Operators_missing_from_the_roster_are_read_a_few_per_cycle_so_live_polls_keep_their_budget()
    {
        _operators = 300;
        _rosterIsEmpty = true;
        var cycle = Cycle();

        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);

        // Roster: operators, groups, skills, websites; live: 3 pages; then the one-by-one reads.
        _sent.Count.ShouldBe(4 + 3 + PollCycle.MaxOneByOneReadsPerCycle);
        _store.Current.Operators.Length.ShouldBe(300);
    }

    [Fact]
    public async Task Scoped_polls_are_merged_with_the_unfiltered_one_by_operator_id()
    {
        _live = request => HttpUtility.ParseQueryString(request.RequestUri!.Query)["filters[group_id]"] == "5"
            ? LiveItems(3, 9)
            : LiveItems(1, 2, 3);
        var cycle = Cycle(new PollingOptions { GroupScopes = { 5 } });

        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);

        _store.Current.Operators.Select(o => o.Id).Order().ShouldBe([1, 2, 3, 9]);
    }

    [Fact]
    public async Task An_operator_seen_live_but_missing_from_the_roster_is_read_once()
    {
        var details = _http.When(HttpMethod.Get, $"{Base}/operator/3").Respond(_ => Json("""{"meta": {"status": "success"}, "data": {"id": 3, "first_name": "Late", "name": "Joiner"}}"""));
        var cycle = Cycle();

        await TicksAsync(cycle, 5, TimeSpan.FromSeconds(3));

        _http.GetMatchCount(details).ShouldBe(1);
        _store.Current.Find(3)!.Name.ShouldBe("Late Joiner");
    }

    [Fact]
    public async Task Webhook_reads_take_at_most_their_share_of_the_budget_and_the_poll_keeps_the_rest()
    {
        var options = new PollingOptions { LiveInterval = TimeSpan.FromSeconds(3), MaxRequestsPerMinute = 60 };
        var cycle = Cycle(options, budgetPerMinute: 60);
        var reads = await PollOnceThenCountOperatorReadsAsync(cycle);
        var polled = _store.Current.TakenAt;

        // A burst of events right after a poll: many more reads asked for than the share allows.
        for (var i = 0; i < 100; i++)
        {
            await cycle.RefreshOperatorAsync(1, TestContext.Current.CancellationToken);
        }

        reads().ShouldBe(options.RefreshShare);
        _clock.Advance(options.LiveInterval);
        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);
        _store.Current.TakenAt.ShouldNotBe(polled, "the next poll ran");
    }

    [Fact]
    public async Task A_webhook_read_asked_just_before_the_next_poll_waits_for_that_poll()
    {
        var cycle = Cycle(new PollingOptions { LiveInterval = TimeSpan.FromSeconds(4) });
        var reads = await PollOnceThenCountOperatorReadsAsync(cycle);

        _clock.Advance(TimeSpan.FromSeconds(1));
        (await cycle.RefreshOperatorAsync(1, TestContext.Current.CancellationToken)).ShouldBeTrue();
        _clock.Advance(TimeSpan.FromSeconds(2.6));
        (await cycle.RefreshOperatorAsync(1, TestContext.Current.CancellationToken)).ShouldBeFalse("the poll is due in 0.4 s");

        reads().ShouldBe(1);
    }

    [Fact]
    public async Task With_a_long_poll_period_a_webhook_read_waits_only_when_the_poll_is_a_moment_away()
    {
        var cycle = Cycle(new PollingOptions { LiveInterval = TimeSpan.FromSeconds(60) });
        var reads = await PollOnceThenCountOperatorReadsAsync(cycle);

        _clock.Advance(TimeSpan.FromSeconds(50));
        (await cycle.RefreshOperatorAsync(1, TestContext.Current.CancellationToken)).ShouldBeTrue("the poll is 10 s away: far too long to wait");
        _clock.Advance(TimeSpan.FromSeconds(9.7));
        (await cycle.RefreshOperatorAsync(1, TestContext.Current.CancellationToken)).ShouldBeFalse("the poll is due in 0.3 s");

        reads().ShouldBe(1);
    }

    // One poll, then every single-operator read (a webhook's) answered and counted.
    private async Task<Func<int>> PollOnceThenCountOperatorReadsAsync(PollCycle cycle)
    {
        var reads = 0;
        _http.When(HttpMethod.Get, $"{Base}/operator/*/live").Respond(_ =>
        {
            Interlocked.Increment(ref reads);
            return Json("""{"meta": {"status": "success"}, "data": {"id": 1, "connected": true}}""");
        });
        await cycle.RunOnceAsync(TestContext.Current.CancellationToken);
        return () => Volatile.Read(ref reads);
    }

    private HttpResponseMessage LivePage(HttpRequestMessage request)
    {
        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        var page = int.Parse(query["page"] ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var pages = (_operators + 99) / 100;
        var ids = Enumerable.Range((page - 1) * 100 + 1, Math.Max(0, Math.Min(100, _operators - (page - 1) * 100)));
        return LiveItems([.. ids], page, pages);
    }

    private static HttpResponseMessage LiveItems(params int[] ids) => LiveItems(ids, 1, 1);

    private static HttpResponseMessage LiveItems(int[] ids, int page, int pages)
    {
        var items = string.Join(',', ids.Select(id =>
            $$"""{"id": {{id}}, "connected": true, "chat": {"enabled": true, "slot_number": 0, "slot_max_number": 2, "busy": false, "available": true} }"""));
        return Json($$"""{"meta": {"status": "success"}, "data": [{{items}}], "pagination": {"page": {{page}}, "pages": {{pages}}, "limit": 100, "count": {{ids.Length}}} }""");
    }

    private static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

    private sealed class CountingHandler(List<DateTimeOffset> sent, TimeProvider clock) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (sent)
            {
                sent.Add(clock.GetUtcNow());
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
