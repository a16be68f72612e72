using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iadvize.Simulator;

namespace Dashboard.Tests.Simulator;

public sealed class SimulatorFaultTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Server_errors_answer_5xx_to_every_request_at_a_rate_of_one()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.Platform.Faults = new SimulatorFaults { ErrorRate = 1 };

        var codes = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await host.Client.GetAsync("operator/live", Cancellation);
            codes.Add((int)response.StatusCode);
        }

        codes.ShouldAllBe(code => code >= 500 && code <= 599);
        codes.ShouldContain(500);
    }

    [Fact]
    public async Task Rate_limiting_answers_429_with_Retry_After()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.Platform.Faults = new SimulatorFaults { RateLimitRate = 1, RetryAfter = TimeSpan.FromSeconds(7) };

        using var response = await host.Client.GetAsync("operator/live", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task Malformed_bodies_are_not_json()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.Platform.Faults = new SimulatorFaults { MalformedRate = 1 };

        for (var i = 0; i < 10; i++)
        {
            using var response = await host.Client.GetAsync("operator/live", Cancellation);
            var body = await response.Content.ReadAsStringAsync(Cancellation);

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            Should.Throw<JsonException>(() => JsonDocument.Parse(body));
        }
    }

    [Fact]
    public async Task Key_rejection_answers_forbidden_to_the_right_key()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.Platform.Faults = new SimulatorFaults { RejectKey = true };

        var response = await host.GetAsync("operator/live");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Status.ShouldBe("error");
        response.Message.ShouldBe("Forbidden");
    }

    [Fact]
    public async Task Latency_holds_the_answer_until_the_clock_has_moved_by_it()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.Platform.Faults = new SimulatorFaults { Latency = TimeSpan.FromSeconds(3) };

        var pending = host.Client.GetAsync("operator/live", Cancellation);
        var delay = await host.NextTimerAsync();
        host.Time.Advance(TimeSpan.FromSeconds(2.9));
        var earlyDone = pending.IsCompleted;
        host.Time.Advance(TimeSpan.FromSeconds(0.1));
        using var response = await pending;

        delay.ShouldBe(TimeSpan.FromSeconds(3));
        earlyDone.ShouldBeFalse();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_hanging_request_ends_when_the_client_gives_up()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.Platform.Faults = new SimulatorFaults { TimeoutRate = 1 };
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        var pending = host.Client.GetAsync("operator/live", giveUp.Token);
        var hang = await host.NextTimerAsync();
        var hung = !pending.IsCompleted;
        await giveUp.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => pending);
        hang.ShouldBe(SimulatorFaults.MaxDelay);
        hung.ShouldBeTrue();
    }

    [Fact]
    public async Task A_hanging_request_is_answered_504_once_the_hang_is_over()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.Platform.Faults = new SimulatorFaults { TimeoutRate = 1, Hang = TimeSpan.FromSeconds(10) };

        var pending = host.Client.GetAsync("operator/live", Cancellation);
        var hang = await host.NextTimerAsync();
        host.Time.Advance(hang);
        using var response = await pending;

        hang.ShouldBe(TimeSpan.FromSeconds(10));
        response.StatusCode.ShouldBe(HttpStatusCode.GatewayTimeout);
    }

    [Fact]
    public async Task Faults_never_change_the_simulated_state()
    {
        await using var host = await SimulatorHost.StartAsync();
        var id = host.Platform.OperatorIds.First(i => host.Platform.GetLive(i)!.Chat.Available);
        var version = host.Platform.Version;
        host.Platform.Faults = new SimulatorFaults { ErrorRate = 0.25, RateLimitRate = 0.25, MalformedRate = 0.5 };

        for (var i = 0; i < 10; i++)
        {
            using var content = new StringContent("chat[available]=0", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await host.Client.PutAsync($"operator/{id}/live", content, Cancellation);
        }

        host.Platform.GetLive(id)!.Chat.Available.ShouldBeTrue();
        host.Platform.Version.ShouldBe(version);
    }

    [Fact]
    public async Task Fault_decisions_are_the_same_for_the_same_seed()
    {
        var first = await StatusCodesAsync();
        var second = await StatusCodesAsync();

        second.ShouldBe(first);
        first.Distinct().Count().ShouldBeGreaterThan(1);

        static async Task<List<HttpStatusCode>> StatusCodesAsync()
        {
            await using var host = await SimulatorHost.StartAsync();
            host.Platform.Faults = new SimulatorFaults { ErrorRate = 0.3, RateLimitRate = 0.3 };
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < 30; i++)
            {
                using var response = await host.Client.GetAsync("operator/live", Cancellation);
                codes.Add(response.StatusCode);
            }

            return codes;
        }
    }

    [Fact]
    public async Task Faults_endpoint_round_trips_the_settings()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var root = host.CreateRootClient();
        var faults = new SimulatorFaults { Latency = TimeSpan.FromMilliseconds(250), ErrorRate = 0.1, RateLimitRate = 0.2, RetryAfter = TimeSpan.FromSeconds(9), RejectKey = true };

        using var put = await root.PutAsJsonAsync("/simulator/faults", faults, Cancellation);
        var read = await root.GetFromJsonAsync<SimulatorFaults>("/simulator/faults", Cancellation);

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.ShouldBe(faults);
        host.Platform.Faults.ShouldBe(faults);
    }

    [Fact]
    public async Task Faults_endpoint_rejects_invalid_settings_and_keeps_the_current_ones()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var root = host.CreateRootClient();

        using var tooHigh = await root.PutAsJsonAsync("/simulator/faults", new { errorRate = 0.7, timeoutRate = 0.7 }, Cancellation);
        using var notJson = await root.PutAsync("/simulator/faults", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"), Cancellation);

        tooHigh.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        notJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        host.Platform.Faults.ShouldBe(SimulatorFaults.None);
        Should.Throw<ArgumentException>(() => host.Platform.Faults = new SimulatorFaults { Hang = TimeSpan.FromMinutes(5) });
    }

    [Fact]
    public async Task Faults_do_not_apply_to_the_faults_endpoint_or_the_admin_page()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var root = host.CreateRootClient();
        host.Platform.Faults = new SimulatorFaults { Latency = TimeSpan.FromSeconds(30), ErrorRate = 0.5, TimeoutRate = 0.5, RejectKey = true };

        using var faults = await root.GetAsync("/simulator/faults", Cancellation);
        using var admin = await root.GetAsync("/simulator/admin", Cancellation);

        faults.StatusCode.ShouldBe(HttpStatusCode.OK);
        admin.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Admin_page_shows_the_current_faults_in_a_plain_form()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.Platform.Faults = new SimulatorFaults { ErrorRate = 0.25, RejectKey = true };
        using var root = host.CreateRootClient();

        using var response = await root.GetAsync("/simulator/admin", Cancellation);
        var html = await response.Content.ReadAsStringAsync(Cancellation);

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain("<form method=\"post\">");
        html.ShouldContain("name=\"errorPercent\" value=\"25\"");
        html.ShouldContain("name=\"rejectKey\" checked");
        html.ShouldNotContain("<script");
    }

    [Fact]
    public async Task Admin_form_post_applies_the_faults_and_redirects_back()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var root = host.CreateRootClient();
        var form = new Dictionary<string, string>
        {
            ["latencyMs"] = "150", ["errorPercent"] = "10", ["rateLimitPercent"] = "5", ["retryAfterSeconds"] = "3",
            ["timeoutPercent"] = "0", ["hangSeconds"] = "20", ["malformedPercent"] = "2.5", ["rejectKey"] = "on", ["action"] = "apply",
        };

        using var response = await FormPost.SubmitAsync(root, "/simulator/admin", form, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        response.Headers.Location!.OriginalString.ShouldBe("/simulator/admin");
        host.Platform.Faults.ShouldBe(new SimulatorFaults
        {
            Latency = TimeSpan.FromMilliseconds(150), ErrorRate = 0.1, RateLimitRate = 0.05, RetryAfter = TimeSpan.FromSeconds(3),
            Hang = TimeSpan.FromSeconds(20), MalformedRate = 0.025, RejectKey = true,
        });
    }

    [Fact]
    public async Task Admin_form_clear_switches_every_fault_off()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.Platform.Faults = new SimulatorFaults { ErrorRate = 1 };
        using var root = host.CreateRootClient();
        var form = new Dictionary<string, string> { ["action"] = "clear" };

        using var response = await FormPost.SubmitAsync(root, "/simulator/admin", form, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        host.Platform.Faults.ShouldBe(SimulatorFaults.None);
    }

    [Fact]
    public async Task Admin_form_with_invalid_values_explains_and_changes_nothing()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var root = host.CreateRootClient();
        var form = new Dictionary<string, string> { ["errorPercent"] = "80", ["timeoutPercent"] = "80", ["hangSeconds"] = "20" };

        using var response = await FormPost.SubmitAsync(root, "/simulator/admin", form, Cancellation);
        var html = await response.Content.ReadAsStringAsync(Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("at most 1");
        host.Platform.Faults.ShouldBe(SimulatorFaults.None);
    }

    [Fact]
    public async Task Admin_form_post_without_its_antiforgery_token_changes_nothing_and_says_why()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var root = host.CreateRootClient();
        // What a page of another origin can send: the fields, but not the token the admin page holds.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["errorPercent"] = "100", ["action"] = "apply" });

        using var response = await root.PostAsync("/simulator/admin", form, Cancellation);
        var html = await response.Content.ReadAsStringAsync(Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("nothing changed");
        host.Platform.Faults.ShouldBe(SimulatorFaults.None);
    }
}
