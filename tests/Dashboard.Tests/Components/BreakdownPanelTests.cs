using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Components.Widgets;
using Dashboard.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

public sealed class BreakdownPanelTests : DashboardComponentTest
{
    // Support: one available on chat with 1 free slot (red under the default 5,2) and one busy, 83 % used (amber);
    // Sales: one operator with 3 free slots (amber), one busy; Carla has no group.
    private static readonly OperatorState[] Team =
    [
        OperatorBuilder.An(1).Named("Alice").InGroup("Support").WithChat(slots: 2, max: 3).Build() with { Skills = "Billing, Returns" },
        OperatorBuilder.An(2).Named("Bob").InGroup("Support").WithChat(slots: 3, max: 3).Build() with { Skills = "Billing" },
        OperatorBuilder.An(3).Named("Carla").InGroup(null).WithChat(slots: 0, max: 3),
        OperatorBuilder.An(4).Named("Dora").InGroup("Sales").WithChat(slots: 0, max: 3),
        OperatorBuilder.An(5).Named("Eve").InGroup("Sales").WithChat(slots: 3, max: 3),
    ];

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<BreakdownPanel> RenderPanel(ViewFilter? filter = null) =>
        Render<BreakdownPanel>(parameters => parameters
            .Add(p => p.Snapshot, Snapshots.Of(Team))
            .Add(p => p.Filter, filter ?? ViewFilter.None));

    private static string[] Groups(IRenderedComponent<BreakdownPanel> panel) =>
        [.. panel.FindAll("[data-testid=breakdown-row]").Select(row => row.GetAttribute("data-group")!)];

    [Fact]
    public void One_row_per_group_with_its_figures_and_their_levels_by_colour_icon_and_words()
    {
        var panel = RenderPanel();

        Groups(panel).ShouldBe(["Sales", "Support", "No group"]);
        var support = panel.Find("[data-testid=breakdown-row][data-group=Support]");
        support.QuerySelector("[data-kpi=operators]")!.TextContent.ShouldBe("2");
        support.QuerySelector("[data-kpi=busy-chat]")!.TextContent.ShouldBe("1");
        support.QuerySelector("[data-kpi=occupancy-chat]")!.TextContent.ShouldBe("⚠ 83, warning");
        var free = support.QuerySelector("[data-kpi=free-slots-chat]")!;
        free.GetAttribute("data-level").ShouldBe("alert");
        free.ClassList.ShouldContain("level-alert");
        free.TextContent.ShouldBe("✖ 1, alert");
        var salesFree = panel.Find("[data-testid=breakdown-row][data-group=Sales] [data-kpi=free-slots-chat]");
        salesFree.GetAttribute("data-level").ShouldBe("warn");
        salesFree.TextContent.ShouldBe("⚠ 3, warning");
        var fine = panel.Find("[data-testid=breakdown-row][data-group='No group'] [data-kpi=occupancy-chat]");
        (fine.GetAttribute("data-level"), fine.TextContent).ShouldBe(("ok", "0"));
        panel.Find("[data-testid=breakdown-row][data-group=Support] [data-kpi=occupancy-video]").TextContent.ShouldBe("–");
        // The headline band alone carries data-testid="kpi": its figures stay the only ones found by that hook.
        panel.FindAll("[data-testid=kpi]").ShouldBeEmpty();
    }

    [Fact]
    public void A_header_click_sorts_largest_first_then_round_and_says_so_in_aria_sort()
    {
        var panel = RenderPanel();

        panel.Find("button[data-sort=free-slots-chat]").Click();

        Groups(panel).ShouldBe(["Sales", "No group", "Support"], "3, 3 then 1 free slots; equal figures by name, no group last");
        panel.Find("button[data-sort=free-slots-chat]").ParentElement!.GetAttribute("aria-sort").ShouldBe("descending");
        panel.FindAll("th[aria-sort]").Count.ShouldBe(1);

        panel.Find("button[data-sort=free-slots-chat]").Click();

        Groups(panel).ShouldBe(["Support", "Sales", "No group"]);
        panel.Find("button[data-sort=free-slots-chat]").ParentElement!.GetAttribute("aria-sort").ShouldBe("ascending");

        panel.Find("button[data-sort=team]").Click();

        Groups(panel).ShouldBe(["Sales", "Support", "No group"]);
    }

    [Fact]
    public void Clicking_a_row_sets_its_team_as_the_filter_and_clears_the_other_team_filters()
    {
        Navigation.NavigateTo("/?skill=Billing&state=available");
        var panel = RenderPanel();

        panel.Find("[data-testid=breakdown-row][data-group=Support]").Click();

        var query = new Uri(Navigation.Uri).Query;
        query.ShouldContain("group=Support");
        query.ShouldContain("state=available");
        query.ShouldNotContain("skill=");
    }

    [Fact]
    public void The_team_shown_in_the_grid_is_marked_and_clicking_it_again_shows_everyone()
    {
        Navigation.NavigateTo("/?group=support");
        var panel = RenderPanel(ViewFilter.Parse(null, "support", null, null));

        var row = panel.Find("[data-testid=breakdown-row][data-group=Support]");
        row.ClassList.ShouldContain("is-active");
        row.QuerySelector("button")!.GetAttribute("aria-pressed").ShouldBe("true");
        panel.FindAll("tr.is-active").Count.ShouldBe(1);

        row.QuerySelector("button")!.Click();

        new Uri(Navigation.Uri).Query.ShouldNotContain("group=");
    }

    [Fact]
    public void By_skill_an_operator_in_several_skills_counts_in_each_and_the_rows_name_their_skill()
    {
        Navigation.NavigateTo("/?breakdown=skill");

        var panel = RenderPanel();

        var rows = panel.FindAll("[data-testid=breakdown-row]");
        rows.Select(r => (r.GetAttribute("data-skill"), r.QuerySelector("[data-kpi=operators]")!.TextContent))
            .ShouldBe([("Billing", "2"), ("Returns", "1"), ("No skill", "3")]);
        rows.ShouldAllBe(r => !r.HasAttribute("data-group"));
        panel.Find("[data-testid=breakdown-kind][data-kind=skill]").GetAttribute("aria-pressed").ShouldBe("true");
    }

    [Fact]
    public void Hidden_it_renders_nothing_inside_and_remembers_it_in_the_address()
    {
        var panel = RenderPanel();

        panel.Find("[data-testid=breakdown-toggle]").Click();

        new Uri(Navigation.Uri).Query.ShouldContain("breakdown=hidden");
        panel.Render();
        panel.FindAll("table").ShouldBeEmpty();
        panel.FindAll("[data-testid=breakdown-kind]").ShouldBeEmpty();
        panel.Find("[data-testid=breakdown-toggle]").GetAttribute("aria-expanded").ShouldBe("false");
    }

    [Fact]
    public void On_the_dashboard_it_follows_each_change_set_like_the_headline_band()
    {
        Store.PublishSnapshot(Team, Now);
        var page = Render<Home>();
        page.Find("[data-testid=breakdown-row][data-group=Sales] [data-kpi=busy-chat]").TextContent.ShouldBe("1");

        Store.PublishSnapshot([.. Team.Select(op => op.Id == 4 ? OperatorBuilder.An(4).Named("Dora").InGroup("Sales").WithChat(slots: 3, max: 3) : op)], Now.AddSeconds(3));

        page.WaitForAssertion(() => page.Find("[data-testid=breakdown-row][data-group=Sales] [data-kpi=busy-chat]").TextContent.ShouldBe("2"));
        page.Find("[data-testid=kpi][data-kpi=busy-chat]").TextContent.ShouldBe("3");
    }

    [Fact]
    public void The_no_group_row_filters_the_grid_to_the_operators_with_none_and_the_group_list_says_so()
    {
        Store.PublishSnapshot(Team, Now);
        var page = Render<Home>();

        page.Find("[data-testid=breakdown-row][data-group='No group']").Click();

        page.WaitForAssertion(() => page.FindAll("[data-testid=operator]").Select(r => r.GetAttribute("data-operator-id")).ShouldBe(["3"]));
        page.Find("[data-testid=filter-group]").GetAttribute("value").ShouldBe("No group");
        page.Find("[data-testid=filter-group] option[value='No group']").TextContent.ShouldBe("No group");
    }
}
