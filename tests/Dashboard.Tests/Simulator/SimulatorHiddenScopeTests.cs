namespace Dashboard.Tests.Simulator;

public sealed class SimulatorHiddenScopeTests
{
    [Fact]
    public async Task By_default_operators_with_groups_and_skills_are_listed_without_a_filter()
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await host.GetAsync("operator/live?connected=0&limit=100");

        response.Ids.Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task With_the_quirk_on_operators_with_groups_or_skills_are_hidden_without_a_group_or_skill_filter()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.HideScopedOperators = true);

        var response = await host.GetAsync("operator/live?connected=0&limit=100");

        response.Status.ShouldBe("success");
        response.Ids.ShouldBeEmpty();
        response.Pagination.GetProperty("count").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task With_the_quirk_on_a_group_filter_lists_the_operators_of_that_group()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.HideScopedOperators = true);
        var roster = await host.GetRosterAsync();
        var group = roster[0].GetProperty("group_id").GetInt32();

        var response = await host.GetAsync($"operator/live?connected=0&limit=100&filters[group_id]={group}");

        var expected = roster.Where(o => o.GetProperty("group_id").GetInt32() == group).Select(o => o.GetProperty("id").GetInt32()).ToList();
        response.Ids.ShouldNotBeEmpty();
        response.Ids.ShouldBeSubsetOf(expected);
    }

    [Fact]
    public async Task With_the_quirk_on_a_skill_filter_lists_the_operators_with_that_skill()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.HideScopedOperators = true);
        var roster = await host.GetRosterAsync();

        var response = await host.GetAsync("operator/live?connected=0&limit=100&filters[skill_id]=305");

        var expected = roster.Where(o => o.IntList("skill_list").Contains(305)).Select(o => o.GetProperty("id").GetInt32()).ToList();
        response.Ids.ShouldNotBeEmpty();
        response.Ids.ShouldBeSubsetOf(expected);
    }
}
