using Bunit;
using Dashboard.Components.Widgets;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

[Trait("Database", "Postgres")]
public sealed class SavedViewsMenuTests : DashboardComponentTest
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<SavedViewsMenu> RenderOpen(string address)
    {
        Navigation.NavigateTo(address);
        var menu = Render<SavedViewsMenu>();
        menu.Find("[data-testid=saved-views]").Click();
        menu.WaitForAssertion(() => menu.Find("[data-testid=saved-views]").GetAttribute("aria-expanded").ShouldBe("true"));
        return menu;
    }

    private static void SaveAs(IRenderedComponent<SavedViewsMenu> menu, string name)
    {
        menu.Find("#saved-view-name").Input(name);
        menu.Find("[data-testid=save-view]").Click();
    }

    private static string Message(IRenderedComponent<SavedViewsMenu> menu) => menu.Find("[data-testid=saved-views-message]").TextContent;

    [Fact]
    public void Closed_the_menu_is_one_button_and_its_list_is_read_only_when_it_opens()
    {
        var menu = Render<SavedViewsMenu>();

        var button = menu.Find("[data-testid=saved-views]");
        button.GetAttribute("aria-expanded").ShouldBe("false");
        button.TextContent.ShouldContain("Saved views");
        menu.FindAll("#saved-views-panel").ShouldBeEmpty();

        button.Click();

        menu.WaitForAssertion(() => menu.Find("#saved-views-panel").TextContent.ShouldContain("No saved view yet"));
    }

    [Fact]
    public void The_current_filters_saved_under_a_name_are_listed_with_a_link_to_them()
    {
        var menu = RenderOpen("/?group=Sales&state=busy&utm=mail");

        SaveAs(menu, "Sales busy");

        menu.WaitForAssertion(() => Message(menu).ShouldBe("View “Sales busy” saved."));
        var view = menu.Find("[data-testid=saved-view]");
        view.GetAttribute("data-name").ShouldBe("Sales busy");
        view.GetAttribute("href").ShouldBe("/?group=Sales&state=busy");
        menu.Find("#saved-view-name").GetAttribute("value").ShouldBeNullOrEmpty();
    }

    [Fact]
    public void A_name_in_use_is_replaced_only_once_the_person_confirms()
    {
        var menu = RenderOpen("/?group=Sales");
        SaveAs(menu, "Mine");
        menu.WaitForAssertion(() => menu.FindAll("[data-testid=saved-view]").Count.ShouldBe(1));
        Navigation.NavigateTo("/?group=Support");

        SaveAs(menu, "mine");

        menu.WaitForAssertion(() => Message(menu).ShouldContain("You already have a view named “Mine”"));
        menu.Find("[data-testid=saved-view]").GetAttribute("href").ShouldBe("/?group=Sales");
        menu.Find("#saved-view-name").GetAttribute("value").ShouldBe("mine");

        menu.Find("[data-testid=replace-view]").Click();

        menu.WaitForAssertion(() => Message(menu).ShouldBe("View “mine” replaced with the current filters."));
        menu.Find("[data-testid=saved-view]").GetAttribute("href").ShouldBe("/?group=Support");
        menu.FindAll("[data-testid=replace-view]").ShouldBeEmpty();
    }

    [Fact]
    public void A_refused_name_says_why_and_keeps_what_was_typed()
    {
        var menu = RenderOpen("/?group=Sales");
        var tooLong = new string('n', 81);

        SaveAs(menu, tooLong);

        menu.WaitForAssertion(() => Message(menu).ShouldBe("A view's name has at most 80 characters; this one has 81."));
        menu.Find("[data-testid=saved-views-message]").ClassList.ShouldContain("is-problem");
        menu.Find("#saved-view-name").GetAttribute("value").ShouldBe(tooLong);
        menu.FindAll("[data-testid=saved-view]").ShouldBeEmpty();

        SaveAs(menu, " ");

        menu.WaitForAssertion(() => Message(menu).ShouldContain("Give the view a name"));
    }

    [Fact]
    public void A_view_is_renamed_and_deleted_from_the_menu()
    {
        var menu = RenderOpen("/?group=Sales");
        SaveAs(menu, "Sales");
        menu.WaitForAssertion(() => menu.FindAll("[data-testid=saved-view]").Count.ShouldBe(1));

        menu.Find("[data-testid=rename-view]").Click();
        menu.Find("#rename-view-name").Input("Sales floor");
        menu.Find("[data-testid=confirm-rename-view]").Click();

        menu.WaitForAssertion(() => menu.Find("[data-testid=saved-view]").GetAttribute("data-name").ShouldBe("Sales floor"));
        Message(menu).ShouldBe("View “Sales” renamed “Sales floor”.");

        menu.Find("[data-testid=delete-view]").Click();
        menu.Find("#saved-views-panel").TextContent.ShouldContain("Delete “Sales floor”?");
        menu.Find("[data-testid=confirm-delete-view]").Click();

        menu.WaitForAssertion(() => menu.FindAll("[data-testid=saved-view]").ShouldBeEmpty());
        menu.Find("#saved-views-panel").TextContent.ShouldContain("No saved view yet");
    }

    [Fact]
    public void Escape_closes_the_menu()
    {
        var menu = RenderOpen("/?group=Sales");

        menu.Find(".saved-views").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });

        menu.FindAll("#saved-views-panel").ShouldBeEmpty();
        menu.Find("[data-testid=saved-views]").GetAttribute("aria-expanded").ShouldBe("false");
    }
}
