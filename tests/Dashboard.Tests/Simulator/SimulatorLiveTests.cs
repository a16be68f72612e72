using System.Net;
using System.Text.Json;

namespace Dashboard.Tests.Simulator;

public sealed class SimulatorLiveTests
{
    [Fact]
    public async Task Live_lists_only_connected_operators_by_default()
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await host.GetAsync("operator/live?limit=100");

        response.Ids.ShouldBe(host.Platform.OperatorIds.Where(id => host.Platform.GetLive(id)!.Connected));
        response.Data.EnumerateArray().ShouldAllBe(item => item.GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task Live_with_connected_0_adds_offline_operators_but_never_those_who_never_logged_in()
    {
        await using var host = await SimulatorHost.StartAsync();

        var connected = await host.GetAsync("operator/live?limit=100");
        var withOffline = await host.GetAsync("operator/live?connected=0&limit=100");

        withOffline.Ids.ShouldBeSubsetOf(host.Platform.OperatorIds);
        withOffline.Ids.ShouldBe(withOffline.Ids.Order());
        connected.Ids.ShouldBeSubsetOf(withOffline.Ids);
        withOffline.Data.EnumerateArray().Count(item => !item.GetProperty("connected").GetBoolean()).ShouldBeGreaterThan(0);
        var neverLoggedIn = host.Platform.OperatorIds.Except(withOffline.Ids).ToList();
        neverLoggedIn.Count.ShouldBeInRange(1, 10);
        neverLoggedIn.ShouldAllBe(id => !host.Platform.GetLive(id)!.Connected);
    }

    [Fact]
    public async Task Live_accepts_connected_0_as_a_filter_too()
    {
        await using var host = await SimulatorHost.StartAsync();

        var plain = await host.GetAsync("operator/live?connected=0&limit=100");
        var filter = await host.GetAsync("operator/live?filters[connected]=0&limit=100");

        filter.Ids.ShouldBe(plain.Ids);
    }

    [Fact]
    public async Task Operator_who_never_logged_in_is_listed_after_a_first_login()
    {
        await using var host = await SimulatorHost.StartAsync();
        var listed = (await host.GetAsync("operator/live?connected=0&limit=100")).Ids;
        var newcomer = host.Platform.OperatorIds.Except(listed).First();

        host.Platform.Connect(newcomer);
        var whileConnected = await host.GetAsync("operator/live?limit=100");
        host.Platform.Disconnect(newcomer);
        var afterLogout = await host.GetAsync("operator/live?connected=0&limit=100");
        var connectedAfterLogout = await host.GetAsync("operator/live?limit=100");

        whileConnected.Ids.ShouldContain(newcomer);
        afterLogout.Ids.ShouldContain(newcomer);
        connectedAfterLogout.Ids.ShouldNotContain(newcomer);
    }

    [Fact]
    public async Task Live_item_has_the_documented_shape_and_matches_the_platform()
    {
        await using var host = await SimulatorHost.StartAsync();

        var item = (await host.GetAsync("operator/live")).Data[0];

        item.PropertyNames().ShouldBe(["id", "connected", "chat", "call", "video"]);
        item.GetProperty("id").ValueKind.ShouldBe(JsonValueKind.Number);
        var live = host.Platform.GetLive(item.GetProperty("id").GetInt32())!;
        foreach (var (name, channel) in new[] { ("chat", live.Chat), ("call", live.Call), ("video", live.Video) })
        {
            var json = item.GetProperty(name);
            json.PropertyNames().ShouldBe(["enabled", "slot_number", "slot_max_number", "busy", "available"]);
            json.GetProperty("enabled").GetBoolean().ShouldBe(channel.Enabled);
            json.GetProperty("slot_number").GetInt32().ShouldBe(channel.SlotNumber);
            json.GetProperty("slot_max_number").GetInt32().ShouldBe(channel.SlotMaxNumber);
            json.GetProperty("busy").GetBoolean().ShouldBe(channel.Busy);
            json.GetProperty("available").GetBoolean().ShouldBe(channel.Available);
        }
    }

    [Fact]
    public async Task Live_of_one_operator_is_served_even_if_they_never_logged_in()
    {
        await using var host = await SimulatorHost.StartAsync();
        var listed = (await host.GetAsync("operator/live?connected=0&limit=100")).Ids;
        var newcomer = host.Platform.OperatorIds.Except(listed).First();

        var response = await host.GetAsync($"operator/{newcomer}/live");

        response.Status.ShouldBe("success");
        response.Data.GetProperty("id").GetInt32().ShouldBe(newcomer);
        response.Data.GetProperty("connected").GetBoolean().ShouldBeFalse();
        response.Data.GetProperty("chat").GetProperty("available").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Live_applies_the_operator_filters()
    {
        await using var host = await SimulatorHost.StartAsync();
        var roster = await host.GetRosterAsync();
        var groupId = roster[0].GetProperty("group_id").GetInt32();
        var members = roster.Where(o => o.GetProperty("group_id").GetInt32() == groupId).Select(o => o.GetProperty("id").GetInt32()).ToList();

        var response = await host.GetAsync($"operator/live?connected=0&filters[group_id]={groupId}&limit=100");

        response.Ids.ShouldNotBeEmpty();
        response.Ids.ShouldBeSubsetOf(members);
        response.Pagination.GetProperty("count").GetInt32().ShouldBe(response.Ids.Count);
    }

    [Fact]
    public async Task Live_rejects_an_unknown_connected_value()
    {
        await using var host = await SimulatorHost.StartAsync();

        (await host.GetAsync("operator/live?connected=2")).ShouldFail(HttpStatusCode.BadRequest);
    }
}
