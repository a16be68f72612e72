using System.Net;
using System.Text.Json;

namespace Dashboard.Tests.Simulator;

public sealed class SimulatorReferenceDataTests
{
    [Fact]
    public async Task Groups_form_a_small_tree()
    {
        await using var host = await SimulatorHost.StartAsync();

        var groups = (await host.GetAsync("group?full=1")).Data.EnumerateArray().ToList();

        groups.Count.ShouldBeInRange(4, 6);
        groups[0].PropertyNames().ShouldBe(["id", "name", "created_at", "parent_id", "operator_list", "parent_list", "_link"], ignoreOrder: true);
        var ids = groups.Select(g => g.GetProperty("id").GetInt32()).ToHashSet();
        groups.ShouldContain(g => g.GetProperty("parent_id").ValueKind == JsonValueKind.Null);
        groups.Where(g => g.GetProperty("parent_id").ValueKind == JsonValueKind.Number)
            .ShouldAllBe(g => ids.Contains(g.GetProperty("parent_id").GetInt32()));
        groups.ShouldContain(g => g.GetProperty("parent_id").ValueKind == JsonValueKind.Number);
    }

    [Fact]
    public async Task Groups_filter_by_parent_id_gives_the_children()
    {
        await using var host = await SimulatorHost.StartAsync();
        var groups = (await host.GetAsync("group?full=1")).Data.EnumerateArray().ToList();
        var parentId = groups.First(g => g.GetProperty("parent_id").ValueKind == JsonValueKind.Number).GetProperty("parent_id").GetInt32();

        var children = await host.GetAsync($"group?filters[parent_id]={parentId}");

        children.Ids.ShouldBe(groups
            .Where(g => g.GetProperty("parent_id").ValueKind == JsonValueKind.Number && g.GetProperty("parent_id").GetInt32() == parentId)
            .Select(g => g.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task Group_details_list_the_members_the_operator_filter_finds()
    {
        await using var host = await SimulatorHost.StartAsync();
        var groupId = (await host.GetAsync("group")).Ids[1];

        var group = await host.GetAsync($"group/{groupId}");
        var members = await host.GetAsync($"operator?filters[group_id]={groupId}&limit=100");

        group.Data.GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
        group.Data.GetProperty("created_at").GetString()!.ShouldMatch(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$");
        group.Data.IntList("operator_list").ShouldBe(members.Ids);
    }

    [Fact]
    public async Task Skills_have_names_order_and_parents()
    {
        await using var host = await SimulatorHost.StartAsync();

        var skills = (await host.GetAsync("skill?full=1")).Data.EnumerateArray().ToList();
        var one = await host.GetAsync($"skill/{skills[^1].GetProperty("id").GetInt32()}");

        skills.Count.ShouldBeInRange(5, 7);
        skills[0].PropertyNames().ShouldBe(["id", "name", "order", "created_at", "parent_id", "operator_list", "_link"], ignoreOrder: true);
        skills.Select(s => s.GetProperty("name").GetString()).ShouldContain("French");
        one.Data.GetProperty("name").GetString().ShouldBe(skills[^1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Websites_have_their_documented_fields()
    {
        await using var host = await SimulatorHost.StartAsync();

        var websites = await host.GetAsync("website");
        var first = await host.GetAsync($"website/{websites.Ids[0]}");

        websites.Ids.Count.ShouldBe(2);
        first.Data.PropertyNames().ShouldBe(["id", "url", "label", "client_id", "currency", "language_admin", "timezone", "_link"], ignoreOrder: true);
        first.Data.GetProperty("url").GetString().ShouldStartWith("https://");
    }

    [Theory]
    [InlineData("group")]
    [InlineData("skill")]
    [InlineData("website")]
    public async Task Unknown_reference_answers_the_fail_envelope(string resource)
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await host.GetAsync($"{resource}/999999");

        response.ShouldFail(HttpStatusCode.NotFound, $"Unknown '{resource}' with 'id' 999999.");
    }
}
