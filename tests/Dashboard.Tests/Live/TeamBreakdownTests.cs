using Dashboard.Live;

namespace Dashboard.Tests.Live;

public sealed class TeamBreakdownTests
{
    // Alice and Bob in Support, Carla in Sales, Dan in no group (and offline). Alice has two skills, Carla none.
    private static readonly OperatorState Alice = OperatorBuilder.An(1).Named("Alice").InGroup("Support").WithChat(slots: 1, max: 3).Build()
        with { Skills = "Billing, Returns", Websites = "shop.example" };
    private static readonly OperatorState Bob = OperatorBuilder.An(2).Named("Bob").InGroup("Support").WithChat(slots: 3, max: 3).Build()
        with { Skills = "Billing", Websites = "help.example, shop.example" };
    private static readonly OperatorState Carla = OperatorBuilder.An(3).Named("Carla").InGroup("Sales").WithChat(slots: 0, max: 3).WithCall().Build();
    private static readonly OperatorState Dan = OperatorBuilder.An(4).Named("Dan").InGroup(null).Offline().Build() with { Skills = "Returns" };

    private static readonly Snapshot Fixed = Snapshots.Of(Alice, Bob, Carla, Dan);

    private static KpiSet Team(IReadOnlyList<TeamFigures> teams, string name) => teams.Single(t => t.Name == name).Kpis;

    [Fact]
    public void Each_group_gets_its_headline_figures_and_operators_in_no_group_their_own_row_last()
    {
        var teams = TeamBreakdown.Compute(Fixed.Operators, TeamKind.Group);

        teams.Select(t => t.Name).ShouldBe(["Sales", "Support", "No group"]);
        teams.Select(t => t.IsNoTeam).ShouldBe([false, false, true]);
        var support = Team(teams, "Support");
        support.Operators.ShouldBe(2);
        support.Connected.ShouldBe(2);
        // Alice available with 2 of 3 slots free; Bob busy with 3 of 3 used: 4 of 6 slots used.
        support.Chat.ShouldBe(new ChannelKpis(Available: 1, Busy: 1, FreeSlots: 2, UsedSlots: 4, Capacity: 6));
        support.Chat.Occupancy.ShouldBe(67);
        support.Call.Occupancy.ShouldBeNull("no one in Support has call enabled");
        var sales = Team(teams, "Sales");
        (sales.Operators, sales.Connected).ShouldBe((1, 1));
        sales.Chat.ShouldBe(new ChannelKpis(1, 0, 3, 0, 3));
        sales.Call.ShouldBe(new ChannelKpis(1, 0, 1, 0, 1));
        var none = Team(teams, "No group");
        (none.Operators, none.Connected).ShouldBe((1, 0));
        none.Chat.ShouldBe(new ChannelKpis(0, 0, 0, 0, 0));
    }

    [Fact]
    public void An_operator_with_several_skills_counts_in_each()
    {
        var teams = TeamBreakdown.Compute(Fixed.Operators, TeamKind.Skill);

        teams.Select(t => (t.Name, t.Kpis.Operators)).ShouldBe([("Billing", 2), ("Returns", 2), ("No skill", 1)]);
        // Returns: Alice (connected, 1 of 3 slots used) and Dan (offline).
        var returns = Team(teams, "Returns");
        returns.Connected.ShouldBe(1);
        returns.Chat.ShouldBe(new ChannelKpis(1, 0, 2, 1, 3));
        returns.Chat.Occupancy.ShouldBe(33);
        Team(teams, "No skill").ShouldBe(KpiSet.Compute([Carla]));
    }

    [Fact]
    public void Websites_split_the_same_way()
    {
        var teams = TeamBreakdown.Compute(Fixed.Operators, TeamKind.Website);

        teams.Select(t => (t.Name, t.Kpis.Operators)).ShouldBe([("help.example", 1), ("shop.example", 2), ("No website", 2)]);
    }

    [Fact]
    public void A_team_s_figures_are_the_headline_figures_of_its_members()
    {
        var teams = TeamBreakdown.Compute(Fixed.Operators, TeamKind.Skill);

        Team(teams, "Billing").ShouldBe(KpiSet.Compute([Alice, Bob]));
        Team(teams, "Returns").ShouldBe(KpiSet.Compute([Alice, Dan]));
    }

    [Fact]
    public void A_name_listed_twice_on_one_operator_counts_that_operator_once()
    {
        var twice = Alice with { Skills = "Billing, billing, Returns" };

        var teams = TeamBreakdown.Compute([twice], TeamKind.Skill);

        teams.Select(t => (t.Name, t.Kpis.Operators)).ShouldBe([("Billing", 1), ("Returns", 1)]);
    }

    [Fact]
    public void No_operator_gives_no_team() => TeamBreakdown.Compute([], TeamKind.Group).ShouldBeEmpty();

    [Fact]
    public void The_no_team_row_is_a_filter_that_shows_the_operators_with_none()
    {
        var filter = ViewFilter.Parse(null, "no group", null, null, skill: null, website: null);

        Fixed.Operators.Where(filter.Matches).ShouldBe([Dan]);
        Fixed.Operators.Where(ViewFilter.Parse(null, null, null, null, skill: "No skill").Matches).ShouldBe([Carla]);
    }
}
