using System.Globalization;
using Dashboard.Tests;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>The team breakdown on <c>/</c>: a click on a team's row shows that team in the grid.</summary>
public sealed class BreakdownBrowserTests(SharedApp fixture) : BrowserTest(fixture)
{
    private static ILocator Rows(IPage page) => page.Locator("[data-testid=breakdown-row]");

    // Signed in, live, and laid out for good: the grid drawn whole (a screenful per render) and today's demand read,
    // whose figures make the band above the panel taller and would move a row away from under a click.
    private async Task<DashboardPage> OpenSettledAsync(int width, int height)
    {
        var dashboard = new DashboardPage(await NewPageAsync(width, height), fixture.BaseAddress);
        await dashboard.OpenAsync();
        await Assertions.Expect(dashboard.Operators).ToHaveCountAsync(int.Parse(await dashboard.Kpi("operators").TextContentAsync() ?? "", CultureInfo.InvariantCulture));
        await dashboard.Page.Locator("[data-testid=demand]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        return dashboard;
    }

    [Fact]
    public async Task Clicking_a_group_s_row_shows_that_group_in_the_grid_and_marks_the_row()
    {
        var dashboard = await OpenSettledAsync(1366, 768);
        var page = dashboard.Page;
        var row = Rows(page).Locator(":scope:not([data-group='No group'])").First;
        var group = await row.GetAttributeAsync("data-group") ?? "";
        var members = int.Parse(await row.Locator("[data-kpi=operators]").TextContentAsync() ?? "", CultureInfo.InvariantCulture);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("screenshots", "dashboard-breakdown.png") });

        await row.ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).Query.Contains("group=", StringComparison.Ordinal));
        await Assertions.Expect(dashboard.Operators).ToHaveCountAsync(members);
        await Eventually.PassesAsync(
            async () => (await dashboard.Operators.Locator(".col-group").AllTextContentsAsync()).ShouldAllBe(cell => cell == group),
            $"every row drawn in group {group}",
            TimeSpan.FromSeconds(10));

        var marked = page.Locator("[data-testid=breakdown-row].is-active");
        await Assertions.Expect(marked).ToHaveAttributeAsync("data-group", group);
        await Assertions.Expect(marked.Locator("button[aria-pressed=true]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task By_skill_the_keyboard_chooses_a_skill_and_the_grid_shows_its_operators()
    {
        var dashboard = await OpenSettledAsync(1366, 768);
        var page = dashboard.Page;

        await page.Locator("[data-testid=breakdown-kind][data-kind=skill]").ClickAsync();
        var row = Rows(page).Locator(":scope[data-skill]:not([data-skill='No skill'])").First;
        await Assertions.Expect(row).ToBeVisibleAsync();
        var skill = await row.GetAttributeAsync("data-skill") ?? "";
        var members = await row.Locator("[data-kpi=operators]").TextContentAsync() ?? "";
        await row.Locator("button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => new Uri(url).Query.Contains("skill=", StringComparison.Ordinal));
        new Uri(page.Url).Query.ShouldContain("breakdown=skill");
        await Assertions.Expect(page.GetByTestId("filter-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{members} of \\d+ operators$"));
        await Assertions.Expect(page.Locator("[data-testid=breakdown-row].is-active")).ToHaveAttributeAsync("data-skill", skill);
    }

    [Fact]
    public async Task On_a_phone_the_panel_scrolls_inside_itself_and_the_page_does_not_overflow()
    {
        var dashboard = await OpenSettledAsync(390, 844);

        await Assertions.Expect(Rows(dashboard.Page).First).ToBeVisibleAsync();
        // Layout read from the page: retried until it holds, since the page may still be laying out.
        await Eventually.PassesAsync(async () =>
        {
            (await dashboard.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
            var team = (await Rows(dashboard.Page).First.Locator("th").BoundingBoxAsync())!;
            (team.X + team.Width).ShouldBeLessThanOrEqualTo(390, "the team's name is on screen");
        }, "the breakdown inside a phone's width", TimeSpan.FromSeconds(10));
        await dashboard.Page.GetByTestId("breakdown").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine("screenshots", "dashboard-breakdown-phone.png") });
    }
}
