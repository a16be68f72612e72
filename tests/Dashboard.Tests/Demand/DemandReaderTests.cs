using System.Net;
using Dashboard.DayCurve;
using Dashboard.Demand;
using Dashboard.Live;
using Dashboard.Polling;
using Iadvize.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Dashboard.Tests.Demand;

public sealed class DemandReaderTests
{
    private const string Base = "https://api.test/api/2";
    private readonly MockHttpMessageHandler _http = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 14, 5, 0, TimeSpan.Zero));
    private readonly AvailabilityStore _live = new();
    private readonly DemandStore _demand = new();
    private readonly DayCurveStore _curve;
    private readonly PollingOptions _polling = new();
    private readonly RequestBudget _budget;
    private readonly DemandReader _reader;

    public DemandReaderTests()
    {
        _budget = new RequestBudget(_polling.MaxRequestsPerMinute, _clock);
        var services = new ServiceCollection()
            .AddSingleton(IadvizeClient.Create(new HttpClient(_http) { BaseAddress = new Uri(Base) }))
            .BuildServiceProvider();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var poll = new PollCycle(scopes, _live, _clock, Options.Create(_polling), NullLogger<PollCycle>.Instance, _budget);
        var demand = Options.Create(new DemandOptions { TimeZone = "Europe/Paris" });
        _curve = new DayCurveStore(demand, _clock);
        _reader = new DemandReader(scopes, _demand, _curve, _live, poll, _budget, Options.Create(_polling), demand, _clock, NullLogger<DemandReader>.Instance);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private MockedRequest Answer(string channel, string row) =>
        _http.When(HttpMethod.Get, $"{Base}/statistic")
            .WithQueryString("filters[channel]", channel)
            // Today in Paris: from its midnight (23:00 UTC the day before) to now.
            .WithQueryString("filters[from]", "2026-11-24 23:00:00")
            .WithQueryString("filters[to]", "2026-11-25 14:05:00")
            .Respond("application/json", $$"""{"meta": {"status": "success"}, "data": [{{{row}}}]}""");

    private void AnswerEveryChannel()
    {
        Answer("chat", """
            "contact_missed_with_busy_operators_number": 3, "contact_missed_with_no_operators_number": 1, "contact_waiting_number": 12,
            "contact_waiting_abort_number": 2, "contact_waiting_duration": 65.4, "contact_answered_duration": 42
            """);
        Answer("call", "\"contact_answered_duration\": 18.2");
        Answer("video", "\"contact_waiting_number\": 0, \"contact_waiting_abort_number\": 0, \"contact_waiting_duration\": 0, \"contact_answered_duration\": null");
    }

    [Fact]
    public async Task A_read_asks_each_channel_once_for_today_and_publishes_the_figures()
    {
        AnswerEveryChannel();

        await _reader.RunOnceAsync(Token);

        var state = _demand.Current;
        state.Problem.ShouldBeNull();
        state.Figures!.Since.ShouldBe(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.FromHours(1)));
        state.Figures.Chat[DemandIndicator.MissedBusy].ShouldBe(3);
        state.Figures.Chat[DemandIndicator.WaitingTime].ShouldBe(65.4);
        state.Figures.Call[DemandIndicator.ResponseTime].ShouldBe(18.2);
        state.Figures.Video[DemandIndicator.ResponseTime].ShouldBeNull();
        // Read at 14:05 UTC, shown as the Paris clock says it.
        state.UpdatedAt!.Value.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture).ShouldBe("15:05");
        state.IsStale(_clock.GetUtcNow().AddMinutes(2)).ShouldBeFalse();
        // Three channels, then the two kinds of missed opportunities per hour.
        (_demand.Reads, _demand.Failures, _demand.Skipped).ShouldBe((5L, 0L, 0L));
    }

    [Fact]
    public async Task A_failed_channel_leaves_the_last_figures_marked_with_the_reason()
    {
        AnswerEveryChannel();
        await _reader.RunOnceAsync(Token);
        var figures = _demand.Current.Figures;
        _http.Clear();
        _http.When(HttpMethod.Get, $"{Base}/statistic").Respond(HttpStatusCode.InternalServerError);

        _clock.Advance(TimeSpan.FromMinutes(1));
        await _reader.RunOnceAsync(Token);

        _demand.Current.Figures.ShouldBeSameAs(figures);
        _demand.Current.IsStale(_clock.GetUtcNow()).ShouldBeTrue();
        _demand.Current.Problem.ShouldBe("Reading the chat statistics failed: The iAdvize API failed (HTTP 500).");
        (_demand.Reads, _demand.Failures).ShouldBe((6L, 1L));
        _curve.Current.HourlyProblem!.ShouldContain("Reading the chat statistics failed");
        // The live picture's health is the live poll's alone: a statistics failure does not make it stale.
        _live.Health.ShouldBe(UpstreamHealth.Unknown);
    }

    [Fact]
    public async Task No_read_is_made_when_the_budget_has_no_room_beyond_the_commands_and_the_live_poll()
    {
        var statistic = _http.When(HttpMethod.Get, $"{Base}/statistic").Respond("application/json", """{"meta": {"status": "success"}, "data": []}""");
        // Leaves the commands' reserve, the next live poll's one request and four more: one short of the three channels and two hourly reads.
        TakeFromBudget(_polling.MaxRequestsPerMinute - _polling.ReservedForCommands - 1 - 4);

        await _reader.RunOnceAsync(Token);

        _http.GetMatchCount(statistic).ShouldBe(0);
        _demand.Current.Figures.ShouldBeNull();
        _demand.Current.Problem!.ShouldContain("request budget");
        _demand.Skipped.ShouldBe(1);
        _curve.Current.HourlyProblem!.ShouldContain("request budget");
    }

    private MockedRequest AnswerHourly(string indicator, string rows) =>
        _http.When(HttpMethod.Get, $"{Base}/statistic")
            .WithQueryString("filters[channel]", "chat")
            .WithQueryString("filters[indicators]", indicator)
            .WithQueryString("filters[granularity]", "hour")
            .WithQueryString("filters[from]", "2026-11-24 23:00:00")
            .WithQueryString("filters[to]", "2026-11-25 14:05:00")
            .Respond("application/json", $$"""{"meta": {"status": "success"}, "data": [{{rows}}]}""");

    [Fact]
    public async Task A_read_then_asks_the_missed_opportunities_per_hour_one_kind_at_a_time_and_publishes_them_to_the_curve()
    {
        // Registered first: MockHttp answers with the first match, and the day totals' chat answer matches these too.
        var busy = AnswerHourly("contact_missed_with_busy_operators_number", """
            {"date": "2026-11-25 12:00:00", "contact_missed_with_busy_operators_number": 7},
            {"date": "2026-11-25 13:00:00", "contact_missed_with_busy_operators_number": 2}
            """);
        var absent = AnswerHourly("contact_missed_with_no_operators_number", """
            {"date": "2026-11-25 12:00:00", "contact_missed_with_no_operators_number": 2},
            {"date": "2026-11-25 13:00:00", "contact_missed_with_no_operators_number": 0}
            """);
        AnswerEveryChannel();

        await _reader.RunOnceAsync(Token);

        _http.GetMatchCount(busy).ShouldBe(1);
        _http.GetMatchCount(absent).ShouldBe(1);
        var series = _curve.Current;
        series.HourlyProblem.ShouldBeNull();
        // 12:00 UTC is 13:00 in Paris.
        var one = series.Hours.Single(h => h.Hour == 13);
        (one.Missed!.Busy, one.Missed.Absent, one.Missed.Total).ShouldBe((7d, 2d, 9d));
        series.Hours.Single(h => h.Hour == 14).Missed!.Total.ShouldBe(2);
        series.Hours.Single(h => h.Hour == 12).Missed.ShouldBeNull();
    }

    [Fact]
    public async Task A_failed_hourly_read_keeps_the_day_totals_and_marks_the_hourly_figures_stale()
    {
        AnswerHourly("contact_missed_with_busy_operators_number", """{"date": "2026-11-25 12:00:00", "contact_missed_with_busy_operators_number": 7}""");
        _http.When(HttpMethod.Get, $"{Base}/statistic").WithQueryString("filters[granularity]", "hour").Respond(HttpStatusCode.InternalServerError);
        AnswerEveryChannel();

        await _reader.RunOnceAsync(Token);

        _demand.Current.Problem.ShouldBeNull();
        _demand.Current.Figures.ShouldNotBeNull();
        _curve.Current.HourlyProblem.ShouldBe(
            "Missed opportunities per hour not loaded yet. Reading the missed opportunities per hour failed: The iAdvize API failed (HTTP 500).");
        // No figure is made up for the hours: none is shown rather than a zero.
        _curve.Current.Hours.ShouldAllBe(h => h.Missed == null);
        (_demand.Reads, _demand.Failures).ShouldBe((5L, 1L));
    }

    [Fact]
    public async Task After_a_429_no_read_is_made_until_its_retry_after()
    {
        _http.When(HttpMethod.Get, $"{Base}/statistic").Respond(_ =>
        {
            var answer = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(90));
            return answer;
        });
        await _reader.RunOnceAsync(Token);

        _clock.Advance(TimeSpan.FromSeconds(60));
        await _reader.RunOnceAsync(Token);
        _clock.Advance(TimeSpan.FromSeconds(31));
        await _reader.RunOnceAsync(Token);

        (_demand.Reads, _demand.Skipped).ShouldBe((2L, 1L));
    }

    private void TakeFromBudget(int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            _budget.TryTake(out _).ShouldBeTrue();
        }
    }
}
