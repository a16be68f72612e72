using Iadvize.Client;

namespace Dashboard.Tests.Contract;

public sealed class StatisticContractTests(ContractFixture simulator) : IClassFixture<ContractFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Demand =
    [
        "contact_number", "contact_waiting_number", "contact_missed_with_busy_operators_number", "contact_missed_with_no_operators_number",
        "contact_waiting_duration", "contact_answered_duration", "max_occupation_rate",
    ];

    [Fact]
    public async Task Demand_indicators_are_read_and_follow_the_activity()
    {
        for (var i = 0; i < 600; i++)
        {
            simulator.Platform.Step();
        }

        var result = await simulator.Client.GetStatisticAsync(new StatisticQuery(Demand, Channel: "chat"), Ct);

        result.IsSuccess.ShouldBeTrue(result.Message);
        var row = result.Value.ShouldHaveSingleItem();
        row.Values.Keys.ShouldBe(Demand, ignoreOrder: true);
        row.Values["contact_number"]!.Value.ShouldBeGreaterThan(0);
        row.Values["max_occupation_rate"]!.Value.ShouldBeInRange(0, 1);
    }

    [Fact]
    public async Task One_indicator_per_hour_comes_as_dated_rows()
    {
        simulator.Platform.Step();

        var result = await simulator.Client.GetStatisticAsync(new StatisticQuery(["contact_number"], Granularity: "hour"), Ct);

        result.Value!.ShouldNotBeEmpty();
        result.Value.ShouldAllBe(row => row.Date != null && row.Values.ContainsKey("contact_number"));
    }

    [Fact]
    public async Task Per_skill_rows_name_their_skill()
    {
        var skills = (await simulator.Client.GetAllSkillsAsync(Ct)).Value!;

        var result = await simulator.Client.GetStatisticAsync(new StatisticQuery(["contact_number"], Resource: "skill"), Ct);

        result.Value!.ShouldNotBeEmpty();
        result.Value.ShouldAllBe(row => row.Resource == "skill" && row.ResourceId != null && skills.Any(s => s.Id == row.ResourceId));
    }

    [Fact]
    public async Task An_unknown_indicator_is_a_fail_with_a_message()
    {
        var result = await simulator.Client.GetStatisticAsync(new StatisticQuery(["not_an_indicator"]), Ct);

        result.Outcome.ShouldBe(ApiOutcome.Fail);
        result.Message.ShouldNotBeNullOrWhiteSpace();
    }
}
