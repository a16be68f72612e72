using Dashboard.Tests;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>A person's saved view, through the real page: saved from the filters set, opened again from the menu.</summary>
public sealed class SavedViewsBrowserTests(SharedApp fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_saved_view_brings_its_filters_and_the_filtered_grid_back_after_they_were_cleared()
    {
        var dashboard = new DashboardPage(await NewPageAsync(), fixture.BaseAddress);
        var page = dashboard.Page;
        await dashboard.OpenAsync("supervisor", "supervisor-demo");
        var group = (await dashboard.Operators.First.Locator(".col-group").TextContentAsync())!.Trim();

        await page.GetByTestId("filter-group").SelectOptionAsync(group);
        await page.WaitForURLAsync(url => new Uri(url).Query.Contains("group=", StringComparison.Ordinal));
        await page.GetByTestId("filter-channel").SelectOptionAsync("chat");
        await page.WaitForURLAsync(url => new Uri(url).Query.Contains("channel=chat", StringComparison.Ordinal));
        var count = await page.GetByTestId("filter-count").TextContentAsync();
        var shown = await dashboard.FilteredRowsDrawnAsync();

        await page.GetByTestId("saved-views").ClickAsync();
        await page.Locator("#saved-view-name").FillAsync("My team on chat");
        await page.GetByTestId("save-view").ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved-views-message")).ToHaveTextAsync("View “My team on chat” saved.");
        await page.Keyboard.PressAsync("Escape");

        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("filter-count")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("filter-group")).ToHaveValueAsync("");
        // More rows than the view showed (the grid draws them a batch at a time).
        await Assertions.Expect(dashboard.Operators.Nth(shown)).ToBeAttachedAsync();

        await page.GetByTestId("saved-views").ClickAsync();
        await page.Locator("[data-testid=saved-view][data-name='My team on chat']").ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).Query.Contains("channel=chat", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("filter-group")).ToHaveValueAsync(group);
        await Assertions.Expect(page.GetByTestId("filter-channel")).ToHaveValueAsync("chat");
        await Assertions.Expect(page.GetByTestId("filter-count")).ToHaveTextAsync(count!);
        await Assertions.Expect(dashboard.Operators).ToHaveCountAsync(shown);
        await Eventually.PassesAsync(
            async () => (await dashboard.Operators.Locator(".col-group").AllTextContentsAsync()).ShouldAllBe(text => text.Trim() == group),
            $"every row drawn in group {group}",
            TimeSpan.FromSeconds(10));
        await Assertions.Expect(page.Locator("#saved-views-panel")).ToHaveCountAsync(0);
    }
}
