using System.Net;
using Iadvize.Client;
using RichardSzalay.MockHttp;

namespace Dashboard.Tests.Client;

public sealed class IadvizeClientTests
{
    private const string Base = "https://api.test/api/2";
    private readonly MockHttpMessageHandler _http = new();

    private IadvizeClient Client() => IadvizeClient.Create(new HttpClient(_http) { BaseAddress = new Uri(Base) });

    private const string LiveItem = """
        {"id": 123, "connected": true,
         "chat": {"enabled": true, "slot_number": 2, "slot_max_number": 4, "busy": false, "available": true},
         "call": {"enabled": true, "slot_number": 1, "slot_max_number": 1, "busy": true, "available": false},
         "video": {"enabled": false, "slot_number": 0, "slot_max_number": 1, "busy": false, "available": false},
         "unexpected_field": "ignored"}
        """;

    [Fact]
    public async Task A_success_envelope_is_read_into_the_clients_records()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/123/live")
            .Respond("application/json", $$"""{"meta": {"status": "success"}, "data": {{LiveItem}} }""");

        var result = await Client().GetLiveAsync(123, TestContext.Current.CancellationToken);

        _http.VerifyNoOutstandingExpectation();
        result.Outcome.ShouldBe(ApiOutcome.Success);
        result.Value.ShouldBe(new OperatorLive(123, true,
            new ChannelLive(true, 2, 4, false, true),
            new ChannelLive(true, 1, 1, true, false),
            new ChannelLive(false, 0, 1, false, false)));
    }

    [Fact]
    public async Task A_fail_envelope_is_a_fail_outcome_with_the_upstream_message()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/456/live")
            .Respond(HttpStatusCode.NotFound, "application/json", """{"meta": {"status": "fail", "message": "Unknown 'operator' with 'id' 456."}}""");

        var result = await Client().GetLiveAsync(456, TestContext.Current.CancellationToken);

        result.Outcome.ShouldBe(ApiOutcome.Fail);
        result.Message.ShouldBe("Unknown 'operator' with 'id' 456.");
    }

    [Fact]
    public async Task A_fail_envelope_is_a_fail_even_when_the_http_status_says_ok()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/456/live")
            .Respond("application/json", """{"meta": {"status": "fail", "message": "Unknown 'operator' with 'id' 456."}}""");

        var result = await Client().GetLiveAsync(456, TestContext.Current.CancellationToken);

        result.Outcome.ShouldBe(ApiOutcome.Fail);
    }

    [Fact]
    public async Task An_error_envelope_means_the_key_was_rejected()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/1/live")
            .Respond(HttpStatusCode.Forbidden, "application/json", """{"meta": {"status": "error", "message": "Forbidden"}}""");

        var result = await Client().GetLiveAsync(1, TestContext.Current.CancellationToken);

        result.Outcome.ShouldBe(ApiOutcome.KeyRejected);
        result.Message!.ShouldContain("API key");
    }

    [Fact]
    public async Task A_list_without_pagination_is_a_single_page()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/live").WithQueryString("page", "1")
            .Respond("application/json", $$"""{"meta": {"status": "success"}, "data": [{{LiveItem}}]}""");

        var result = await Client().GetAllLiveAsync(includeOffline: true, filter: null, TestContext.Current.CancellationToken);

        _http.VerifyNoOutstandingExpectation();
        result.Value.ShouldHaveSingleItem().Id.ShouldBe(123);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_malformed()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/1/live").Respond("text/html", "<html>maintenance</html>");

        var result = await Client().GetLiveAsync(1, TestContext.Current.CancellationToken);

        result.Outcome.ShouldBe(ApiOutcome.Malformed);
    }

    [Fact]
    public async Task Too_many_requests_carries_retry_after()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/1/live").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return response;
        });

        var result = await Client().GetLiveAsync(1, TestContext.Current.CancellationToken);

        result.Outcome.ShouldBe(ApiOutcome.RateLimited);
        result.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_live_walker_reads_all_three_pages_with_offline_operators()
    {
        // Pages after the first are read concurrently, so they are matched in any order.
        var pages = Enumerable.Range(1, 3).Select(page => _http.When(HttpMethod.Get, $"{Base}/operator/live")
            .WithExactQueryString($"page={page}&limit=100&connected=0")
            .Respond("application/json", $$"""
                {"meta": {"status": "success"},
                 "data": [{{LiveItem.Replace("123", (page * 10).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}}],
                 "pagination": {"page": {{page}}, "pages": 3, "limit": 100, "count": 3} }
                """)).ToList();

        var result = await Client().GetAllLiveAsync(includeOffline: true, filter: null, TestContext.Current.CancellationToken);

        pages.ShouldAllBe(page => _http.GetMatchCount(page) == 1);
        result.Value!.Select(o => o.Id).ShouldBe([10, 20, 30]);
    }

    [Fact]
    public async Task A_failing_page_fails_the_whole_walk()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/live").WithQueryString("page", "1")
            .Respond("application/json", $$"""{"meta": {"status": "success"}, "data": [{{LiveItem}}], "pagination": {"page": 1, "pages": 2, "limit": 100, "count": 2} }""");
        _http.Expect(HttpMethod.Get, $"{Base}/operator/live").WithQueryString("page", "2")
            .Respond(HttpStatusCode.BadGateway);

        var result = await Client().GetAllLiveAsync(includeOffline: true, filter: null, TestContext.Current.CancellationToken);

        result.Outcome.ShouldBe(ApiOutcome.ServerError);
    }

    [Fact]
    public async Task The_availability_put_sends_a_form_body_and_answers_the_upstream_message()
    {
        _http.Expect(HttpMethod.Put, $"{Base}/operator/123/live")
            .WithContent("chat%5Bavailable%5D=0")
            .With(request => request.Content!.Headers.ContentType!.MediaType == "application/x-www-form-urlencoded")
            .Respond("application/json", """{"meta": {"status": "success", "message": "Operator is now unavailable for chat channel."}}""");

        var result = await Client().SetAvailabilityAsync(123, new AvailabilityChange(Chat: false), TestContext.Current.CancellationToken);

        _http.VerifyNoOutstandingExpectation();
        result.Value.ShouldBe("Operator is now unavailable for chat channel.");
    }

    [Fact]
    public async Task The_roster_reads_every_field_it_needs()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator").WithQueryString("full", "1")
            .Respond("application/json", """
                {"meta": {"status": "success"}, "data": [{"id": "7", "name": "Martin", "first_name": "Alice", "pseudo": "Ali",
                 "email": "alice@example.com", "external_id": "EMP-7", "group_id": 3, "skill_list": [1, 2], "website_list": [9],
                 "chat_enabled": true, "call_enabled": false, "video_enabled": false, "roles": ["operator", "expert"], "language_list": ["fr", "en"]}],
                 "pagination": {"page": 1, "pages": 1, "limit": 100, "count": 1}}
                """);

        var result = await Client().GetAllOperatorsAsync(filter: null, TestContext.Current.CancellationToken);

        var alice = result.Value.ShouldHaveSingleItem();
        alice.Id.ShouldBe(7);
        alice.DisplayName.ShouldBe("Alice Martin");
        alice.GroupId.ShouldBe(3);
        alice.SkillIds.ShouldBe([1, 2]);
        alice.Roles.ShouldBe(["operator", "expert"]);
        alice.Languages.ShouldBe(["fr", "en"]);
    }

    [Fact]
    public async Task A_single_resource_sent_as_a_one_element_array_is_read_like_an_object()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/123/live")
            .Respond("application/json", $$"""{"meta": {"status": "success"}, "data": [{{LiveItem}}]}""");

        var result = await Client().GetLiveAsync(123, TestContext.Current.CancellationToken);

        result.Value!.Id.ShouldBe(123);
    }

    [Fact]
    public async Task Several_items_where_one_resource_is_expected_are_malformed()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/123/live")
            .Respond("application/json", $$"""{"meta": {"status": "success"}, "data": [{{LiveItem}}, {{LiveItem}}]}""");

        var result = await Client().GetLiveAsync(123, TestContext.Current.CancellationToken);

        result.Outcome.ShouldBe(ApiOutcome.Malformed);
    }

    [Fact]
    public async Task Ids_as_strings_and_missing_optional_fields_are_tolerated()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/9/profile")
            .Respond("application/json", """{"meta": {"status": "success"}, "data": {"user_id": "9", "city": "Nantes"}}""");

        var result = await Client().GetOperatorProfileAsync(9, TestContext.Current.CancellationToken);

        result.Value.ShouldBe(new OperatorProfile(9, null, null, "Nantes", null, null, null));
    }

    [Fact]
    public async Task A_server_error_is_its_own_outcome()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/1/statistic").Respond(HttpStatusCode.ServiceUnavailable);

        var result = await Client().GetOperatorStatisticAsync(1, TestContext.Current.CancellationToken);

        result.Outcome.ShouldBe(ApiOutcome.ServerError);
        result.StatusCode.ShouldBe(503);
    }

    [Fact]
    public async Task A_network_failure_is_unreachable_not_an_exception()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/1/live").Throw(new HttpRequestException("connection refused"));

        var result = await Client().GetLiveAsync(1, TestContext.Current.CancellationToken);

        result.Outcome.ShouldBe(ApiOutcome.Unreachable);
        result.Message!.ShouldContain("connection refused");
    }

    [Fact]
    public async Task An_attempt_timeout_is_unreachable_not_an_exception()
    {
        _http.Expect(HttpMethod.Get, $"{Base}/operator/1/live").Throw(new Polly.Timeout.TimeoutRejectedException("attempt timed out"));

        var result = await Client().GetLiveAsync(1, TestContext.Current.CancellationToken);

        result.Outcome.ShouldBe(ApiOutcome.Unreachable);
    }
}
