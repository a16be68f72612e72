using System.Net;
using System.Text.Json;

namespace Dashboard.Tests.Simulator;

public sealed class SimulatorStatisticTests
{
    private const string Outcomes =
        "contact_number,contact_missed_with_no_operators_number,contact_missed_with_busy_operators_number,contact_waiting_number,contact_waiting_answered_number,contact_waiting_abort_number";

    [Fact]
    public async Task Operator_statistic_gives_conversations_experience_and_the_deprecated_satisfaction()
    {
        await using var host = await SimulatorHost.StartAsync();
        var id = host.Platform.OperatorIds[2];

        var response = await host.GetAsync($"operator/{id}/statistic");

        response.Status.ShouldBe("success");
        response.Data.PropertyNames().ShouldBe(["id", "conversation_number", "satisfaction_global_rate", "experience"], ignoreOrder: true);
        response.Data.GetProperty("id").GetInt32().ShouldBe(id);
        response.Data.GetProperty("conversation_number").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
        response.Data.GetProperty("satisfaction_global_rate").GetDouble().ShouldBeInRange(0, 1);
        response.Data.GetProperty("experience").GetInt32().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Operator_statistic_counts_the_conversations_the_operator_takes()
    {
        await using var host = await SimulatorHost.StartAsync();
        var id = host.Platform.OperatorIds.First(i => host.Platform.GetLive(i)!.Chat.Available);
        var before = (await host.GetAsync($"operator/{id}/statistic")).Data.GetProperty("conversation_number").GetInt64();

        host.Platform.StartConversation(id, "chat").ShouldBeTrue();

        (await host.GetAsync($"operator/{id}/statistic")).Data.GetProperty("conversation_number").GetInt64().ShouldBe(before + 1);
    }

    [Fact]
    public async Task Operator_profile_gives_every_documented_field()
    {
        await using var host = await SimulatorHost.StartAsync();
        var id = host.Platform.OperatorIds[5];

        var response = await host.GetAsync($"operator/{id}/profile");

        response.Status.ShouldBe("success");
        response.Data.PropertyNames().ShouldBe(["user_id", "status", "description", "facebook", "twitter", "city", "country"], ignoreOrder: true);
        response.Data.GetProperty("user_id").GetInt32().ShouldBe(id);
        response.Data.GetProperty("city").GetString().ShouldNotBeNullOrWhiteSpace();
        response.Data.GetProperty("country").GetString().ShouldBeOneOf("France", "United Kingdom");
    }

    [Theory]
    [InlineData("statistic", "456")]
    [InlineData("profile", "456")]
    [InlineData("statistic", "abc")]
    [InlineData("profile", "abc")]
    public async Task Unknown_operator_statistic_or_profile_answers_the_fail_envelope(string resource, string id)
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await host.GetAsync($"operator/{id}/{resource}");

        response.ShouldFail(HttpStatusCode.NotFound, $"Unknown 'operator' with 'id' {id}.");
    }

    [Theory]
    [InlineData("statistic", "Missing filter 'indicators'")]
    [InlineData("statistic?filters[indicators]=contact_number,nope", "Unknown indicator 'nope'.")]
    [InlineData("statistic?filters[indicators]=satisfaction_global_rate", "no longer available")]
    [InlineData("statistic?filters[indicators]=contact_number,max_occupation_rate&filters[granularity]=hour", "only available when 1 indicator")]
    [InlineData("statistic?filters[indicators]=contact_number&filters[granularity]=week", "granularity")]
    [InlineData("statistic?filters[indicators]=contact_number&filters[channel]=pigeon", "channel")]
    [InlineData("statistic?filters[indicators]=contact_number&filters[from]=25/11/2026", "from")]
    public async Task Invalid_statistic_requests_answer_the_fail_envelope(string url, string message)
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await host.GetAsync(url);

        response.ShouldFail(HttpStatusCode.BadRequest);
        response.Message!.ShouldContain(message);
    }

    [Fact]
    public async Task Statistic_for_an_unknown_skill_or_website_answers_the_fail_envelope()
    {
        await using var host = await SimulatorHost.StartAsync();

        (await host.GetAsync("statistic?filters[indicators]=contact_number&filters[resource]=skill&filters[resource_id]=999"))
            .ShouldFail(HttpStatusCode.NotFound, "Unknown 'skill' with 'id' 999.");
        (await host.GetAsync("statistic?filters[indicators]=contact_number&filters[website_list]=3401,77"))
            .ShouldFail(HttpStatusCode.NotFound, "Unknown 'website' with 'id' 77.");
    }

    [Fact]
    public async Task Every_contact_is_missed_with_no_operators_when_nobody_is_connected()
    {
        // 03:00 with the day cycle on: no shift covers the night, so nobody logs back in.
        await using var host = await SimulatorHost.StartAsync(
            o => { o.DayCycle = true; o.ContactsPerMinute = 6_000; },
            start: new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));
        foreach (var id in host.Platform.OperatorIds)
        {
            host.Platform.Disconnect(id);
        }

        host.Step(200);

        var row = await SingleRowAsync(host, $"statistic?filters[indicators]={Outcomes}");
        row.GetProperty("contact_number").GetInt64().ShouldBeGreaterThan(50);
        row.GetProperty("contact_missed_with_no_operators_number").GetInt64().ShouldBe(row.GetProperty("contact_number").GetInt64());
        row.GetProperty("contact_missed_with_busy_operators_number").GetInt64().ShouldBe(0);
        row.GetProperty("contact_waiting_number").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Nothing_is_missed_or_queued_on_chat_with_plenty_of_capacity()
    {
        await using var host = await SimulatorHost.StartAsync(o => { o.OperatorCount = 300; o.ContactsPerMinute = 5; });

        host.Step(600);

        var row = await SingleRowAsync(host, $"statistic?filters[channel]=chat&filters[indicators]={Outcomes},contact_unanswered_number");
        row.GetProperty("contact_number").GetInt64().ShouldBeGreaterThan(10);
        row.GetProperty("contact_missed_with_no_operators_number").GetInt64().ShouldBe(0);
        row.GetProperty("contact_missed_with_busy_operators_number").GetInt64().ShouldBe(0);
        row.GetProperty("contact_waiting_number").GetInt64().ShouldBe(0);
        row.GetProperty("contact_unanswered_number").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task An_overloaded_platform_queues_abandons_and_misses_and_every_contact_is_accounted_for()
    {
        await using var host = await SimulatorHost.StartAsync(o => { o.ContactsPerMinute = 400; o.Patience = TimeSpan.FromSeconds(20); });

        host.Step(400);

        var sums = host.Platform.ReadStatistics(book => book.Sum(long.MinValue, long.MaxValue, 0b111, 0b11, null, bySkill: false, period: null)).Values.Single().Contacts;
        sums.Number.ShouldBe(sums.AnsweredDirectly + sums.QueueAnswered + sums.QueueAborted + sums.StillWaiting + sums.MissedBusy + sums.MissedNone);
        var row = await SingleRowAsync(host, $"statistic?filters[indicators]={Outcomes},contact_unanswered_number,contact_waiting_duration,contact_waiting_before_quit_duration,max_occupation_rate");
        row.GetProperty("contact_number").GetInt64().ShouldBe(sums.Number);
        row.GetProperty("contact_waiting_answered_number").GetInt64().ShouldBeGreaterThan(0);
        row.GetProperty("contact_waiting_abort_number").GetInt64().ShouldBeGreaterThan(0);
        row.GetProperty("contact_missed_with_busy_operators_number").GetInt64().ShouldBeGreaterThan(0);
        row.GetProperty("contact_waiting_number").GetInt64()
            .ShouldBeGreaterThanOrEqualTo(row.GetProperty("contact_waiting_answered_number").GetInt64() + row.GetProperty("contact_waiting_abort_number").GetInt64());
        row.GetProperty("contact_unanswered_number").GetInt64().ShouldBe(sums.Number - sums.AnsweredDirectly - sums.QueueAnswered);
        row.GetProperty("contact_waiting_duration").GetDouble().ShouldBeGreaterThan(0);
        row.GetProperty("contact_waiting_before_quit_duration").GetDouble().ShouldBeInRange(10, 30);
        row.GetProperty("max_occupation_rate").GetDouble().ShouldBeInRange(0.3, 1);
    }

    [Fact]
    public async Task Channels_skills_and_hours_each_add_up_to_the_total()
    {
        // One minute per tick: 150 ticks from 09:00 cover three hours.
        await using var host = await SimulatorHost.StartAsync(o => o.TickInterval = TimeSpan.FromMinutes(1));
        host.Step(150);

        var total = (await SingleRowAsync(host, "statistic?filters[indicators]=contact_number")).GetProperty("contact_number").GetInt64();
        var channels = 0L;
        foreach (var channel in new[] { "chat", "call", "video" })
        {
            channels += (await SingleRowAsync(host, $"statistic?filters[indicators]=contact_number&filters[channel]={channel}")).GetProperty("contact_number").GetInt64();
        }

        var bySkill = await host.GetAsync("statistic?filters[indicators]=contact_number&filters[resource]=skill");
        var byHour = await host.GetAsync("statistic?filters[indicators]=contact_number&filters[granularity]=hour");

        total.ShouldBeGreaterThan(0);
        channels.ShouldBe(total);
        bySkill.Data.EnumerateArray().Select(r => r.GetProperty("resource").GetString()).ShouldAllBe(r => r == "skill");
        bySkill.Data.EnumerateArray().Sum(r => r.GetProperty("contact_number").GetInt64()).ShouldBe(total);
        byHour.Data.EnumerateArray().Select(r => r.GetProperty("date").GetString())
            .ShouldBe(["2026-11-25 09:00:00", "2026-11-25 10:00:00", "2026-11-25 11:00:00"]);
        byHour.Data.EnumerateArray().Sum(r => r.GetProperty("contact_number").GetInt64()).ShouldBe(total);
    }

    [Fact]
    public async Task The_period_filters_select_hours()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.TickInterval = TimeSpan.FromMinutes(1));
        host.Step(150);

        var byHour = await host.GetAsync("statistic?filters[indicators]=contact_number&filters[granularity]=hour");
        var tenOClock = await host.GetAsync("statistic?filters[indicators]=contact_number&filters[granularity]=hour&filters[from]=2026-11-25 10:00:00&filters[to]=2026-11-25 10:59:59");
        var yesterday = await SingleRowAsync(host, "statistic?filters[indicators]=contact_number&filters[from]=2026-11-24&filters[to]=2026-11-24");

        tenOClock.Data.GetArrayLength().ShouldBe(1);
        tenOClock.Data[0].GetProperty("contact_number").GetInt64().ShouldBe(byHour.Data[1].GetProperty("contact_number").GetInt64());
        yesterday.GetProperty("contact_number").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Only_the_last_48_hours_are_kept()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.TickInterval = TimeSpan.FromMinutes(30));
        host.Step(200);

        var byHour = await host.GetAsync("statistic?filters[indicators]=contact_number&filters[granularity]=hour&filters[from]=2026-11-01");

        byHour.Data.GetArrayLength().ShouldBe(48);
    }

    [Fact]
    public async Task Statistics_answer_null_for_documented_indicators_the_simulator_does_not_model()
    {
        await using var host = await SimulatorHost.StartAsync();

        var row = await SingleRowAsync(host, "statistic?filters[indicators]=conversion_rate,contact_number");

        row.GetProperty("conversion_rate").ValueKind.ShouldBe(JsonValueKind.Null);
        row.GetProperty("contact_number").ValueKind.ShouldBe(JsonValueKind.Number);
    }

    [Fact]
    public void Same_seed_gives_the_same_statistics()
    {
        var first = NewPlatform();
        var second = NewPlatform();

        for (var i = 0; i < 300; i++)
        {
            first.Step();
            second.Step();
        }

        Totals(second).ShouldBe(Totals(first));
        Totals(first).Number.ShouldBeGreaterThan(0);
    }

    private static Iadvize.Simulator.SimulatedPlatform NewPlatform() =>
        new(new Iadvize.Simulator.SimulatorOptions { RunActivity = false, ContactsPerMinute = 200 }, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SimulatorHost.Start));

    private static Iadvize.Simulator.ContactCounters Totals(Iadvize.Simulator.SimulatedPlatform platform) =>
        platform.ReadStatistics(book => book.Sum(long.MinValue, long.MaxValue, 0b111, 0b11, null, bySkill: false, period: null)).Values.Single().Contacts;

    private static async Task<JsonElement> SingleRowAsync(SimulatorHost host, string url)
    {
        var response = await host.GetAsync(url);
        response.Status.ShouldBe("success", response.Message);
        response.Body.TryGetProperty("pagination", out _).ShouldBeFalse();
        return response.Data.EnumerateArray().ShouldHaveSingleItem();
    }
}
