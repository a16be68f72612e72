using AngleSharp.Dom;
using Bunit;
using Dashboard.Commands;
using Dashboard.Components.Pages;
using Dashboard.Components.Widgets;
using Dashboard.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

public sealed class HomeTests : DashboardComponentTest
{
    private static IElement Channel(IRenderedComponent<Home> page, int operatorId, string channel) =>
        page.Find($"[data-testid=operator][data-operator-id='{operatorId}'] [data-testid=channel][data-channel={channel}]");

    [Theory]
    [InlineData("Viewer")]
    [InlineData("Supervisor")]
    public void Someone_who_is_not_a_Manager_sees_no_toggles_no_force_offline_and_no_bulk_change(string role)
    {
        Authorization.SetRoles(role);
        Store.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: 0, max: 3)], Now);

        var page = Render<Home>();

        page.FindAll("[data-testid=operator]").Count.ShouldBe(1);
        page.FindAll("[data-testid=toggle]").ShouldBeEmpty();
        page.FindAll("[data-testid=disconnect]").ShouldBeEmpty();
        page.FindAll("[data-testid=bulk-open]").ShouldBeEmpty();
        page.FindAll("[data-testid=select]").ShouldBeEmpty("selecting serves only a bulk change");
        page.FindAll("[data-testid=select-shown]").ShouldBeEmpty();
    }

    [Fact]
    public void A_long_grid_is_drawn_a_screenful_per_render_and_ends_with_every_operator()
    {
        Store.PublishSnapshot([.. Enumerable.Range(1, 250).Select(id => (OperatorState)OperatorBuilder.An(id))], Now);

        var page = Render<Home>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=operator]").Count.ShouldBe(250));
        // A Manager's row is some 3,000 characters: 250 of them in one batch would be about 750 KB.
        page.RenderCount.ShouldBeGreaterThan(20, "rows go out about 24,000 characters at a time");
        page.FindAll("[data-testid=operator]").Select(row => row.GetAttribute("data-operator-id")).Distinct().Count().ShouldBe(250);
    }

    [Fact]
    public void A_change_set_that_changes_every_row_goes_out_a_budget_at_a_time_and_ends_with_every_change()
    {
        Store.PublishSnapshot([.. Enumerable.Range(1, 250).Select(id => (OperatorState)OperatorBuilder.An(id))], Now);
        var page = Render<Home>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=operator]").Count.ShouldBe(250));
        var rendersBefore = page.RenderCount;

        Store.PublishSnapshot([.. Enumerable.Range(1, 250).Select(id => (OperatorState)OperatorBuilder.An(id).WithChat(slots: 3, max: 3))], Now.AddSeconds(3));

        page.WaitForAssertion(() => page.FindAll("[data-testid=channel][data-channel=chat][data-state=busy]").Count.ShouldBe(250));
        page.Find("[data-kpi=busy-chat]").TextContent.ShouldBe("250");
        // 250 changed Manager rows in one batch would be some 500 KB: at 24,000 characters a batch, that is 20 or more.
        (page.RenderCount - rendersBefore).ShouldBeGreaterThan(15, "the changed rows go out over several batches");
    }

    [Fact]
    public void A_Viewer_sees_names_as_plain_text_and_no_export()
    {
        Authorization.SetRoles(nameof(Dashboard.Auth.Role.Viewer));
        Store.PublishSnapshot([OperatorBuilder.An(1).Named("Alice Martin")], Now);

        var page = Render<Home>();

        page.Find("[data-testid=operator][data-operator-id='1'] .op-name").TextContent.ShouldBe("Alice Martin");
        page.FindAll("[data-testid=operator-link]").ShouldBeEmpty();
        page.FindAll("a[href^='/operators/']").ShouldBeEmpty();
        page.FindAll("[data-testid=export-csv]").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Supervisor")]
    [InlineData("Manager")]
    public void A_Supervisor_or_Manager_gets_names_linking_to_details_and_an_export_of_the_filtered_view(string role)
    {
        Authorization.SetRoles(role);
        Store.PublishSnapshot([OperatorBuilder.An(1).Named("Alice Martin"), OperatorBuilder.An(2).Named("Bob Leroy").InGroup("Sales")], Now);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?group=Support&state=available&q=alice%20m");

        var page = Render<Home>();

        var link = page.Find("[data-testid=operator-link][data-operator-id='1']");
        link.GetAttribute("href").ShouldBe("/operators/1");
        link.TextContent.ShouldBe("Alice Martin");
        page.Find("[data-testid=export-csv]").GetAttribute("href").ShouldBe("/export/operators.csv?q=alice%20m&group=Support&state=available");
    }

    [Fact]
    public void Unfiltered_the_export_takes_no_query_string()
    {
        Authorization.SetRoles(nameof(Dashboard.Auth.Role.Supervisor));
        Store.PublishSnapshot([OperatorBuilder.An(1)], Now);

        var page = Render<Home>();

        page.Find("[data-testid=export-csv]").GetAttribute("href").ShouldBe("/export/operators.csv");
    }

    [Fact]
    public void The_grid_renders_each_channel_state_from_the_snapshot()
    {
        Store.PublishSnapshot(
        [
            OperatorBuilder.An(1).WithChat(slots: 1, max: 3).WithCall(slots: 1, max: 1).WithVideo(available: false),
            OperatorBuilder.An(2).WithCall(enabled: false).Offline(),
        ], Now);

        var page = Render<Home>();

        page.FindAll("[data-testid=operator]").Count.ShouldBe(2);
        Channel(page, 1, "chat").GetAttribute("data-state").ShouldBe("available");
        Channel(page, 1, "chat").GetAttribute("data-slots").ShouldBe("1/3");
        Channel(page, 1, "call").GetAttribute("data-state").ShouldBe("busy");
        // Busy means switched on with every slot taken: the switch shows on, and a click asks to stop new contacts.
        page.Find("[data-testid=toggle][data-operator-id='1'][data-channel=call]").GetAttribute("aria-checked").ShouldBe("true");
        Channel(page, 1, "video").GetAttribute("data-state").ShouldBe("unavailable");
        Channel(page, 2, "chat").GetAttribute("data-state").ShouldBe("offline");
        page.Find("[data-kpi=connected]").TextContent.ShouldBe("1");
        page.Find("[data-kpi=operators]").TextContent.ShouldBe("2");
        page.Find("[data-kpi=free-slots-chat]").TextContent.ShouldBe("2");
    }

    [Fact]
    public void A_disabled_channel_shows_as_disabled_without_a_toggle()
    {
        Store.PublishSnapshot([OperatorBuilder.An(1)], Now);

        var page = Render<Home>();

        Channel(page, 1, "call").GetAttribute("data-state").ShouldBe("disabled");
        page.FindAll("[data-testid=toggle][data-channel=call]").ShouldBeEmpty();
        page.FindAll("[data-testid=toggle][data-channel=chat]").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_toggle_calls_the_command_and_is_disabled_until_it_answers()
    {
        Store.PublishSnapshot([OperatorBuilder.An(5)], Now);
        var page = Render<Home>();
        var toggle = page.Find("[data-testid=toggle][data-operator-id='5'][data-channel=chat]");
        toggle.GetAttribute("aria-checked").ShouldBe("true");

        // The click's handler waits for the command, which this test completes later.
        var click = ClickControlAsync(toggle);

        Commands.Calls.ShouldBe([(5, ChannelKind.Chat, false)]);
        page.WaitForAssertion(() => page.Find("[data-testid=toggle][data-operator-id='5']").HasAttribute("disabled").ShouldBeTrue());

        Store.PublishOperator(OperatorBuilder.An(5).WithChat(available: false), Now);
        Commands.Next.SetResult(new CommandResult(true, "Operator 005 is now unavailable on chat."));
        await click;

        page.WaitForAssertion(() =>
        {
            var after = page.Find("[data-testid=toggle][data-operator-id='5']");
            after.HasAttribute("disabled").ShouldBeFalse();
            after.GetAttribute("aria-checked").ShouldBe("false");
        });
    }

    [Fact]
    public void A_change_set_updates_the_page_and_highlights_the_changed_cell()
    {
        Store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2)], Now);
        var page = Render<Home>();

        Store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2).WithChat(slots: 3, max: 3)], Now.AddSeconds(3));

        page.WaitForAssertion(() =>
        {
            var cell = Channel(page, 2, "chat");
            cell.GetAttribute("data-state").ShouldBe("busy");
            cell.ClassList.ShouldContain(c => c.StartsWith("flash-", StringComparison.Ordinal));
        });
        Channel(page, 1, "chat").ClassList.ShouldNotContain(c => c.StartsWith("flash-", StringComparison.Ordinal));
        page.Find("[data-kpi=busy-chat]").TextContent.ShouldBe("1");
    }

    [Fact]
    public void A_changed_row_keeps_its_mark_until_it_changes_again_so_the_next_change_set_does_not_send_it_again()
    {
        Store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2)], Now);
        var page = Render<Home>();
        Store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2).WithChat(slots: 3, max: 3)], Now.AddSeconds(3));
        page.WaitForAssertion(() => Channel(page, 2, "chat").GetAttribute("data-state").ShouldBe("busy"));
        var marked = page.Find("[data-testid=operator][data-operator-id='2']").OuterHtml;

        // A minute later another operator changes: the first row's markup, mark included, is what the page already has.
        Clock.Advance(TimeSpan.FromMinutes(1));
        Store.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: 3, max: 3), OperatorBuilder.An(2).WithChat(slots: 3, max: 3)], Now.AddMinutes(1));

        page.WaitForAssertion(() => Channel(page, 1, "chat").GetAttribute("data-state").ShouldBe("busy"));
        page.Find("[data-testid=operator][data-operator-id='2']").OuterHtml.ShouldBe(marked);
        Channel(page, 1, "chat").ClassList.ShouldContain(c => c.StartsWith("flash-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Managers_rows_are_shared_markup_too_and_only_changed_rows_get_new_markup()
    {
        var rows = Services.GetRequiredService<RowMarkup>();
        Store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2), OperatorBuilder.An(3)], Now);
        var page = Render<Home>();
        var options = RowOptions.LinkToDetails | RowOptions.Manage | RowOptions.Interactive;
        var before = Store.Current.Operators.ToDictionary(o => o.Id, o => rows.Row(o, options, null, new HashSet<PendingControl>()).Value);

        Store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2).WithChat(slots: 1), OperatorBuilder.An(3)], Now.AddSeconds(3));

        page.WaitForAssertion(() => Channel(page, 2, "chat").GetAttribute("data-slots").ShouldBe("1/3"));
        var after = Store.Current.Operators.ToDictionary(o => o.Id, o => rows.Row(o, options, null, new HashSet<PendingControl>()).Value);
        ReferenceEquals(after[1], before[1]).ShouldBeTrue("an unchanged operator keeps the markup every circuit shares");
        ReferenceEquals(after[3], before[3]).ShouldBeTrue();
        after[2].ShouldNotBe(before[2]);
    }

    [Fact]
    public async Task Ticking_a_row_selects_it_for_a_bulk_change_and_clearing_unticks_it()
    {
        Store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2)], Now);
        var page = Render<Home>();

        await ClickControlAsync(page.Find("[data-testid=select][data-operator-id='2']"));

        page.WaitForAssertion(() => page.Find("[data-testid=selected-count]").TextContent.ShouldBe("1 selected"));
        page.Find("[data-testid=select][data-operator-id='2']").HasAttribute("checked").ShouldBeTrue();
        page.Find("[data-testid=select][data-operator-id='1']").HasAttribute("checked").ShouldBeFalse();
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Clear selection").ClickAsync(new MouseEventArgs());
        page.Find("[data-testid=select][data-operator-id='2']").HasAttribute("checked").ShouldBeFalse();
    }

    [Fact]
    public void Prerendered_controls_are_disabled_until_the_circuit_is_live()
    {
        SetRendererInfo(new RendererInfo("Static", false));
        Store.PublishSnapshot([OperatorBuilder.An(1)], Now);

        var page = Render<Home>();

        page.FindAll("[data-testid=toggle], [data-testid=disconnect], [data-testid=select]").ShouldAllBe(control => control.HasAttribute("disabled"));
        page.FindAll("[data-testid=toggle]").ShouldNotBeEmpty();
    }

    [Fact]
    public void Rows_sort_by_state_time_or_free_slots_from_the_query_string_and_keep_name_order_otherwise()
    {
        Store.PublishSnapshot(
        [
            OperatorBuilder.An(1).Named("Alice").WithChat(available: false),
            OperatorBuilder.An(2).Named("Bruno").WithChat(slots: 1, max: 3),
            OperatorBuilder.An(3).Named("Chloé").WithChat(slots: 3, max: 3),
            OperatorBuilder.An(4).Named("Dan").Offline(),
        ], Now);
        var navigation = Services.GetRequiredService<NavigationManager>();
        string[] Order(IRenderedComponent<Home> page) => [.. page.FindAll("[data-testid=operator]").Select(r => r.GetAttribute("data-operator-id")!)];

        Order(Render<Home>()).ShouldBe(["1", "2", "3", "4"]);
        navigation.NavigateTo("/?sort=state");
        Order(Render<Home>()).ShouldBe(["2", "3", "1", "4"], "available, busy, unavailable, offline");
        navigation.NavigateTo("/?sort=freeslots");
        Order(Render<Home>())[0].ShouldBe("2", "two free chat slots come first");
        navigation.NavigateTo("/?sort=nonsense");
        var page = Render<Home>();
        Order(page).ShouldBe(["1", "2", "3", "4"], "an order the app does not know reads as the default");
        page.Find("[data-testid=filter-sort]").GetAttribute("value").ShouldBe("");
    }

    [Fact]
    public void Rows_grouped_by_group_stand_under_a_heading_that_counts_them()
    {
        Store.PublishSnapshot(
        [
            OperatorBuilder.An(1).Named("Alice").InGroup("Support"),
            OperatorBuilder.An(2).Named("Bruno").InGroup("Sales"),
            OperatorBuilder.An(3).Named("Chloé").InGroup("Support"),
        ], Now);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?groupby=group");

        var page = Render<Home>();

        var lines = page.FindAll(".operator-grid tbody > tr").Select(r => r.GetAttribute("data-group") ?? r.GetAttribute("data-operator-id")).ToArray();
        lines.ShouldBe(["Sales", "2", "Support", "1", "3"]);
        page.Find("[data-testid=group-row][data-group=Support]").TextContent.ShouldContain("2 operators");
        page.Find("[data-testid=group-row] th").GetAttribute("colspan").ShouldBe("6", "a Manager's grid has a selection column");
    }

    [Fact]
    public async Task The_page_unsubscribes_from_the_store_when_it_goes_away()
    {
        Render<Home>();
        var subscribed = Store.ObserverCount;

        await DisposeComponentsAsync();

        Store.ObserverCount.ShouldBeLessThan(subscribed);
        Store.ObserverCount.ShouldBe(0);
    }

    [Fact]
    public void Filters_in_the_query_string_narrow_both_the_rows_and_the_headline_numbers()
    {
        Store.PublishSnapshot(
        [
            OperatorBuilder.An(1).Named("Alice Martin").InGroup("Support"),
            OperatorBuilder.An(2).Named("Bob Leroy").InGroup("Sales"),
            OperatorBuilder.An(3).Named("Carol Weber").InGroup("Support").Offline(),
        ], Now);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/?group=Support&state=available");

        var page = Render<Home>();

        page.FindAll("[data-testid=operator]").Select(r => r.GetAttribute("data-operator-id")).ShouldBe(["1"]);
        page.Find("[data-kpi=operators]").TextContent.ShouldBe("1");
        page.Find("[data-kpi=available-chat]").TextContent.ShouldBe("1");
        page.Find("[data-testid=filter-count]").TextContent.ShouldBe("1 of 3 operators");
    }
}
