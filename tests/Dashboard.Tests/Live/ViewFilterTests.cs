using Dashboard.Live;

namespace Dashboard.Tests.Live;

public sealed class ViewFilterTests
{
    private static readonly OperatorState Alice = OperatorBuilder.An(1).Named("Alice Martin").InGroup("Support").WithChat(slots: 3, max: 3).WithCall().Build()
        with { Skills = "English, Premium", Websites = "shop.example" };
    private static readonly OperatorState Bob = OperatorBuilder.An(2).Named("Bob Leroy").InGroup("Sales").WithChat(available: false).Build()
        with { Skills = "French", Websites = "shop.example, help.example" };
    private static readonly OperatorState Carol = OperatorBuilder.An(3).Named("Carol Weber").InGroup("Support").Offline();

    private static IEnumerable<int> Shown(ViewFilter filter) => new[] { Alice, Bob, Carol }.Where(filter.Matches).Select(o => o.Id);

    [Fact]
    public void No_filter_shows_everyone() => Shown(ViewFilter.Parse(null, "", " ", null)).ShouldBe([1, 2, 3]);

    [Fact]
    public void Text_matches_part_of_a_name_whatever_the_case() => Shown(ViewFilter.Parse("LEROY", null, null, null)).ShouldBe([2]);

    [Fact]
    public void Group_matches_the_name_as_shown() => Shown(ViewFilter.Parse(null, "support", null, null)).ShouldBe([1, 3]);

    [Fact]
    public void State_alone_matches_any_channel_in_that_state() => Shown(ViewFilter.Parse(null, null, null, "busy")).ShouldBe([1]);

    [Fact]
    public void Channel_with_state_matches_that_channel_only()
    {
        Shown(ViewFilter.Parse(null, null, "call", "available")).ShouldBe([1]);
        Shown(ViewFilter.Parse(null, null, "chat", "unavailable")).ShouldBe([2]);
    }

    [Fact]
    public void Channel_alone_keeps_operators_who_can_work_on_it() => Shown(ViewFilter.Parse(null, null, "call", null)).ShouldBe([1]);

    [Fact]
    public void Unknown_channel_or_state_names_are_ignored_rather_than_hiding_everyone() =>
        Shown(ViewFilter.Parse(null, null, "fax", "sleepy")).ShouldBe([1, 2, 3]);

    [Fact]
    public void Skill_matches_one_of_the_operators_skills_by_name() => Shown(ViewFilter.Parse(null, null, null, null, skill: "premium")).ShouldBe([1]);

    [Fact]
    public void Website_matches_one_of_the_operators_websites_by_name() => Shown(ViewFilter.Parse(null, null, null, null, website: "help.example")).ShouldBe([2]);
}
