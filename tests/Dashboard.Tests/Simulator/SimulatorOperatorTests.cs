using System.Net;
using System.Text.Json;

namespace Dashboard.Tests.Simulator;

public sealed class SimulatorOperatorTests
{
    private static readonly string[] AllFields =
    [
        "id", "name", "first_name", "pseudo", "email", "external_id", "role", "roles",
        "chat_enabled", "call_enabled", "video_enabled", "chat_max_number", "chat_and_call", "chat_to_video",
        "chat_priority", "call_priority", "video_priority", "language_list", "language_admin",
        "group_id", "website_list", "skill_list", "_link",
    ];

    [Fact]
    public async Task Operator_list_without_full_gives_only_id_and_link()
    {
        await using var host = await SimulatorHost.StartAsync();

        var first = (await host.GetAsync("operator")).Data[0];

        first.PropertyNames().ShouldBe(["id", "_link"]);
        first.GetProperty("_link").GetString().ShouldBe($"/operator/{first.GetProperty("id").GetInt32()}");
    }

    [Fact]
    public async Task Operator_list_with_full_gives_every_field()
    {
        await using var host = await SimulatorHost.StartAsync();

        var first = (await host.GetAsync("operator?full=1")).Data[0];

        first.PropertyNames().ShouldBe(AllFields, ignoreOrder: true);
        first.GetProperty("chat_enabled").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
        first.GetProperty("group_id").ValueKind.ShouldBe(JsonValueKind.Number);
        first.GetProperty("roles").ValueKind.ShouldBe(JsonValueKind.Array);
    }

    [Fact]
    public async Task Operator_details_give_every_field()
    {
        await using var host = await SimulatorHost.StartAsync();
        var id = host.Platform.OperatorIds[3];

        var response = await host.GetAsync($"operator/{id}");

        response.Status.ShouldBe("success");
        response.Data.GetProperty("id").GetInt32().ShouldBe(id);
        response.Data.PropertyNames().ShouldBe(AllFields, ignoreOrder: true);
        response.Data.GetProperty("external_id").GetString().ShouldBe("EMP-0004");
    }

    [Fact]
    public async Task Roster_is_plausible_and_varied()
    {
        await using var host = await SimulatorHost.StartAsync();

        var roster = await host.GetRosterAsync();

        roster.Count.ShouldBe(60);
        roster.Select(o => o.GetProperty("name").GetString()).Distinct().Count().ShouldBeGreaterThan(15);
        roster.Select(o => o.GetProperty("email").GetString()).Distinct().Count().ShouldBe(60);
        roster.Count(o => o.GetProperty("chat_enabled").GetBoolean()).ShouldBeInRange(45, 60);
        roster.Count(o => o.GetProperty("call_enabled").GetBoolean()).ShouldBeInRange(12, 36);
        roster.Count(o => o.GetProperty("video_enabled").GetBoolean()).ShouldBeInRange(2, 20);
        roster.ShouldAllBe(o => o.GetProperty("chat_max_number").GetInt32() >= 2 && o.GetProperty("chat_max_number").GetInt32() <= 5);
    }

    [Fact]
    public async Task Unknown_operator_answers_the_fail_envelope()
    {
        await using var host = await SimulatorHost.StartAsync();

        (await host.GetAsync("operator/456")).ShouldFail(HttpStatusCode.NotFound, "Unknown 'operator' with 'id' 456.");
        (await host.GetAsync("operator/456/live")).ShouldFail(HttpStatusCode.NotFound, "Unknown 'operator' with 'id' 456.");
        (await host.GetAsync("operator/abc")).ShouldFail(HttpStatusCode.NotFound, "Unknown 'operator' with 'id' abc.");
    }

    [Fact]
    public async Task Filter_by_id_gives_that_operator()
    {
        await using var host = await SimulatorHost.StartAsync();
        var id = host.Platform.OperatorIds[10];

        (await host.GetAsync($"operator?filters[id]={id}")).Ids.ShouldBe([id]);
    }

    [Fact]
    public async Task Filter_by_group_id_gives_the_group_members()
    {
        await using var host = await SimulatorHost.StartAsync();
        var roster = await host.GetRosterAsync();
        var groupId = roster[0].GetProperty("group_id").GetInt32();

        var response = await host.GetAsync($"operator?filters[group_id]={groupId}&limit=100");

        response.Ids.ShouldBe(IdsWhere(roster, o => o.GetProperty("group_id").GetInt32() == groupId));
    }

    [Fact]
    public async Task Filter_by_website_id_matches_the_website_list()
    {
        await using var host = await SimulatorHost.StartAsync();
        var roster = await host.GetRosterAsync();

        var response = await host.GetAsync("operator?filters[website_id]=3402&limit=100");

        var expected = IdsWhere(roster, o => o.IntList("website_list").Contains(3402));
        expected.Count.ShouldBeInRange(1, roster.Count - 1);
        response.Ids.ShouldBe(expected);
    }

    [Fact]
    public async Task Filter_by_website_list_matches_any_of_the_websites()
    {
        await using var host = await SimulatorHost.StartAsync();
        var roster = await host.GetRosterAsync();

        var both = await host.GetAsync("operator?filters[website_list]=3401,3402&limit=100");
        var one = await host.GetAsync("operator?filters[website_list]=3401,999&limit=100");

        both.Ids.Count.ShouldBe(roster.Count);
        one.Ids.ShouldBe(IdsWhere(roster, o => o.IntList("website_list").Contains(3401)));
    }

    [Fact]
    public async Task Filter_by_skill_id_matches_the_skill_list()
    {
        await using var host = await SimulatorHost.StartAsync();
        var roster = await host.GetRosterAsync();
        var skillId = roster.SelectMany(o => o.IntList("skill_list")).Max();

        var response = await host.GetAsync($"operator?filters[skill_id]={skillId}&limit=100");

        response.Ids.ShouldBe(IdsWhere(roster, o => o.IntList("skill_list").Contains(skillId)));
    }

    [Fact]
    public async Task Filter_by_name_without_wildcard_is_an_exact_case_insensitive_match()
    {
        await using var host = await SimulatorHost.StartAsync();
        var roster = await host.GetRosterAsync();
        var name = roster[5].GetProperty("name").GetString()!;

        var exact = await host.GetAsync($"operator?filters[name]={name.ToUpperInvariant()}&limit=100");
        var partial = await host.GetAsync($"operator?filters[name]={name[1..]}&limit=100");

        exact.Ids.ShouldBe(IdsWhere(roster, o => string.Equals(o.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase)));
        exact.Ids.ShouldContain(roster[5].GetProperty("id").GetInt32());
        partial.Ids.ShouldBeEmpty();
    }

    [Fact]
    public async Task Filter_by_name_with_wildcards_matches_inside_the_name()
    {
        await using var host = await SimulatorHost.StartAsync();
        var roster = await host.GetRosterAsync();
        var name = roster[7].GetProperty("name").GetString()!;
        var inner = name[1..^1];

        var response = await host.GetAsync($"operator?filters[name]=*{inner.ToLowerInvariant()}*&limit=100");

        response.Ids.ShouldBe(IdsWhere(roster, o => o.GetProperty("name").GetString()!.Contains(inner, StringComparison.OrdinalIgnoreCase)));
        response.Ids.ShouldContain(roster[7].GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Filter_by_name_with_a_trailing_wildcard_matches_the_start()
    {
        await using var host = await SimulatorHost.StartAsync();
        var roster = await host.GetRosterAsync();
        var prefix = roster[2].GetProperty("name").GetString()![..2];

        var response = await host.GetAsync($"operator?filters[name]={prefix}*&limit=100");

        response.Ids.ShouldBe(IdsWhere(roster, o => o.GetProperty("name").GetString()!.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Filter_by_external_id_and_email_find_one_operator()
    {
        await using var host = await SimulatorHost.StartAsync();
        var roster = await host.GetRosterAsync();
        var target = roster[41];

        var byExternalId = await host.GetAsync("operator?filters[external_id]=EMP-0042");
        var byEmail = await host.GetAsync($"operator?filters[email]={Uri.EscapeDataString(target.GetProperty("email").GetString()!)}");

        byExternalId.Ids.ShouldBe([target.GetProperty("id").GetInt32()]);
        byEmail.Ids.ShouldBe([target.GetProperty("id").GetInt32()]);
    }

    [Fact]
    public async Task Filters_combine_and_arrive_percent_encoded()
    {
        await using var host = await SimulatorHost.StartAsync();
        var roster = await host.GetRosterAsync();
        var groupId = roster[0].GetProperty("group_id").GetInt32();

        var response = await host.GetAsync($"operator?filters%5Bgroup_id%5D={groupId}&filters%5Bwebsite_id%5D=3401&limit=100");

        response.Ids.ShouldBe(IdsWhere(roster, o =>
            o.GetProperty("group_id").GetInt32() == groupId && o.IntList("website_list").Contains(3401)));
    }

    [Theory]
    [InlineData("filters[id]=abc")]
    [InlineData("filters[group_id]=1.5")]
    [InlineData("filters[website_list]=3401,x")]
    public async Task Filter_with_an_invalid_identifier_is_rejected(string query)
    {
        await using var host = await SimulatorHost.StartAsync();

        (await host.GetAsync($"operator?{query}")).ShouldFail(HttpStatusCode.BadRequest);
    }

    private static List<int> IdsWhere(IEnumerable<JsonElement> roster, Func<JsonElement, bool> predicate) =>
        [.. roster.Where(predicate).Select(o => o.GetProperty("id").GetInt32())];
}
