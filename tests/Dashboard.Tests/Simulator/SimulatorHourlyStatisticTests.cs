namespace Dashboard.Tests.Simulator;

/// <summary>The day's curve asks <c>GET /statistic</c> per hour, one indicator at a time, from the day's midnight to now.</summary>
public sealed class SimulatorHourlyStatisticTests
{
    // As the dashboard asks in Paris: from its midnight (23:00 UTC the day before) to now.
    private const string Period = "&filters[channel]=chat&filters[from]=2026-11-24 23:00:00&filters[to]=2026-11-25 11:30:00";

    [Theory]
    [InlineData("contact_missed_with_busy_operators_number")]
    [InlineData("contact_missed_with_no_operators_number")]
    [InlineData("contact_number")]
    public async Task Missed_opportunities_per_hour_add_up_to_the_days_total_hour_by_hour(string indicator)
    {
        // One minute per tick from 09:00, with more chats than the team can take: 150 ticks cover 09:00 to 11:30.
        await using var host = await SimulatorHost.StartAsync(o => { o.TickInterval = TimeSpan.FromMinutes(1); o.ContactsPerMinute = 400; });
        host.Step(150);

        var byHour = await host.GetAsync($"statistic?filters[indicators]={indicator}&filters[granularity]=hour{Period}");
        var total = await host.GetAsync($"statistic?filters[indicators]={indicator}{Period}");
        var nine = await host.GetAsync($"statistic?filters[indicators]={indicator}&filters[channel]=chat&filters[from]=2026-11-25 09:00:00&filters[to]=2026-11-25 09:59:59");

        byHour.Status.ShouldBe("success", byHour.Message);
        var rows = byHour.Data.EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("date").GetString()).ShouldBe(["2026-11-25 09:00:00", "2026-11-25 10:00:00", "2026-11-25 11:00:00"]);
        rows.Sum(r => r.GetProperty(indicator).GetInt64()).ShouldBe(Value(total, indicator));
        rows[0].GetProperty(indicator).GetInt64().ShouldBe(Value(nine, indicator));
    }

    [Fact]
    public async Task A_busy_hour_misses_chats_and_says_so_in_its_own_hour()
    {
        await using var host = await SimulatorHost.StartAsync(o => { o.TickInterval = TimeSpan.FromMinutes(1); o.ContactsPerMinute = 400; });
        host.Step(150);

        var byHour = await host.GetAsync($"statistic?filters[indicators]=contact_missed_with_busy_operators_number&filters[granularity]=hour{Period}");

        byHour.Data.EnumerateArray().Sum(r => r.GetProperty("contact_missed_with_busy_operators_number").GetInt64()).ShouldBeGreaterThan(0);
    }

    private static long Value(ApiResponse response, string indicator)
    {
        response.Status.ShouldBe("success", response.Message);
        return response.Data.EnumerateArray().ShouldHaveSingleItem().GetProperty(indicator).GetInt64();
    }
}
