using Bunit;
using Dashboard.Components.Widgets;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

[Trait("Database", "Postgres")]
public sealed class SavedViewsMenuTests : DashboardComponentTest
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    // Clicks are awaited to the end of their handler (the database's answer included), and waits allow a loaded machine
    // the time a first migration of the test database takes.
    private static void Wait(IRenderedComponent<SavedViewsMenu> menu, Action assertion) => menu.WaitForAssertion(assertion, Eventually.DefaultTimeout);

    private async Task<IRenderedComponent<SavedViewsMenu>> RenderOpenAsync(string address)
    {
        Navigation.NavigateTo(address);
        var menu = Render<SavedViewsMenu>();
        await menu.Find("[data-testid=saved-views]").ClickAsync(new());
        Wait(menu, () => menu.Find("#saved-views-panel").TextContent.ShouldContain("No saved view yet"));
        return menu;
    }

    private static async Task SaveAsAsync(IRenderedComponent<SavedViewsMenu> menu, string name)
    {
        await menu.Find("#saved-view-name").InputAsync(new() { Value = name });
        await menu.Find("[data-testid=save-view]").ClickAsync(new());
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

        Wait(menu, () => menu.Find("#saved-views-panel").TextContent.ShouldContain("No saved view yet"));
    }

    [Fact]
    public async Task The_current_filters_saved_under_a_name_are_listed_with_a_link_to_them()
    {
        var menu = await RenderOpenAsync("/?group=Sales&state=busy&utm=mail");

        await SaveAsAsync(menu, "Sales busy");

        Wait(menu, () => Message(menu).ShouldBe("View “Sales busy” saved."));
        var view = menu.Find("[data-testid=saved-view]");
        view.GetAttribute("data-name").ShouldBe("Sales busy");
        view.GetAttribute("href").ShouldBe("/?group=Sales&state=busy");
        menu.Find("#saved-view-name").GetAttribute("value").ShouldBeNullOrEmpty();
    }

    [Fact]
    public async Task A_name_in_use_is_replaced_only_once_the_person_confirms()
    {
        var menu = await RenderOpenAsync("/?group=Sales");
        await SaveAsAsync(menu, "Mine");
        Wait(menu, () => menu.FindAll("[data-testid=saved-view]").Count.ShouldBe(1));
        Navigation.NavigateTo("/?group=Support");

        await SaveAsAsync(menu, "mine");

        Wait(menu, () => Message(menu).ShouldContain("You already have a view named “Mine”"));
        menu.Find("[data-testid=saved-view]").GetAttribute("href").ShouldBe("/?group=Sales");
        menu.Find("#saved-view-name").GetAttribute("value").ShouldBe("mine");

        await menu.Find("[data-testid=replace-view]").ClickAsync(new());

        Wait(menu, () => Message(menu).ShouldBe("View “mine” replaced with the current filters."));
        menu.Find("[data-testid=saved-view]").GetAttribute("href").ShouldBe("/?group=Support");
        menu.FindAll("[data-testid=replace-view]").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refused_name_says_why_and_keeps_what_was_typed()
    {
        var menu = await RenderOpenAsync("/?group=Sales");
        var tooLong = new string('n', 81);

        await SaveAsAsync(menu, tooLong);

        Wait(menu, () => Message(menu).ShouldBe("A view's name has at most 80 characters; this one has 81."));
        menu.Find("[data-testid=saved-views-message]").ClassList.ShouldContain("is-problem");
        menu.Find("#saved-view-name").GetAttribute("value").ShouldBe(tooLong);
        menu.FindAll("[data-testid=saved-view]").ShouldBeEmpty();

        await SaveAsAsync(menu, " ");

        Wait(menu, () => Message(menu).ShouldContain("Give the view a name"));
    }

    [Fact]
    public async Task A_view_is_renamed_and_deleted_from_the_menu()
    {
        var menu = await RenderOpenAsync("/?group=Sales");
        await SaveAsAsync(menu, "Sales");
        Wait(menu, () => menu.FindAll("[data-testid=saved-view]").Count.ShouldBe(1));

        await menu.Find("[data-testid=rename-view]").ClickAsync(new());
        await menu.Find("#rename-view-name").InputAsync(new() { Value = "Sales floor" });
        await menu.Find("[data-testid=confirm-rename-view]").ClickAsync(new());

        Wait(menu, () => menu.Find("[data-testid=saved-view]").GetAttribute("data-name").ShouldBe("Sales floor"));
        Message(menu).ShouldBe("View “Sales” renamed “Sales floor”.");

        await menu.Find("[data-testid=delete-view]").ClickAsync(new());
        menu.Find("#saved-views-panel").TextContent.ShouldContain("Delete “Sales floor”?");
        await menu.Find("[data-testid=confirm-delete-view]").ClickAsync(new());

        Wait(menu, () => menu.Find("#saved-views-panel").TextContent.ShouldContain("No saved view yet"));
        menu.FindAll("[data-testid=saved-view]").ShouldBeEmpty();
        Message(menu).ShouldBe("View “Sales floor” deleted.");
    }

    [Fact]
    public async Task Escape_closes_the_menu()
    {
        var menu = await RenderOpenAsync("/?group=Sales");

        await menu.Find(".saved-views").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });

        menu.FindAll("#saved-views-panel").ShouldBeEmpty();
        menu.Find("[data-testid=saved-views]").GetAttribute("aria-expanded").ShouldBe("false");
    }
}
