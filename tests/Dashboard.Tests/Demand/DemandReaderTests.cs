using System.Net;
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
        _reader = new DemandReader(scopes, _demand, _live, poll, _budget, Options.Create(_polling),
            Options.Create(new DemandOptions { TimeZone = "Europe/Paris" }), _clock, NullLogger<DemandReader>.Instance);
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
        (_demand.Reads, _demand.Failures, _demand.Skipped).ShouldBe((3L, 0L, 0L));
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
        (_demand.Reads, _demand.Failures).ShouldBe((4L, 1L));
        // The live picture's health is the live poll's alone: a statistics failure does not make it stale.
        _live.Health.ShouldBe(UpstreamHealth.Unknown);
    }

    [Fact]
    public async Task No_read_is_made_when_the_budget_has_no_room_beyond_the_commands_and_the_live_poll()
    {
        var statistic = _http.When(HttpMethod.Get, $"{Base}/statistic").Respond("application/json", """{"meta": {"status": "success"}, "data": []}""");
        // Leaves the commands' reserve, the next live poll's one request and two more: one short of three channels.
        TakeFromBudget(_polling.MaxRequestsPerMinute - _polling.ReservedForCommands - 1 - 2);

        await _reader.RunOnceAsync(Token);

        _http.GetMatchCount(statistic).ShouldBe(0);
        _demand.Current.Figures.ShouldBeNull();
        _demand.Current.Problem!.ShouldContain("request budget");
        _demand.Skipped.ShouldBe(1);
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
