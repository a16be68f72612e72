using Dashboard.Tests;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>At phone width (600 px and less) operators show as cards, not as a table cut off at the right.</summary>
public sealed class PhoneLayoutTests(SharedApp fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task On_a_phone_each_operator_is_a_card_with_its_channels_named_and_nothing_scrolls_sideways()
    {
        var dashboard = new DashboardPage(await NewPageAsync(390, 844), fixture.BaseAddress);
        await dashboard.OpenAsync();

        var page = dashboard.Page;
        var row = dashboard.Operators.First;
        await Assertions.Expect(row).ToHaveCSSAsync("display", "flex");
        await Assertions.Expect(page.Locator("table.operator-grid thead")).ToBeHiddenAsync();
        // Every channel of the card is inside the screen, one under another, each named by the cell itself.
        var cells = row.Locator("[data-testid=channel]");
        await Assertions.Expect(cells).ToHaveCountAsync(3);
        // Layout read from the page: retried until it holds, since the page may still be laying out.
        await Eventually.PassesAsync(async () =>
        {
            float? previousTop = null;
            for (var i = 0; i < 3; i++)
            {
                var box = (await cells.Nth(i).BoundingBoxAsync())!;
                (box.X + box.Width).ShouldBeLessThanOrEqualTo(390);
                box.Y.ShouldBeGreaterThan(previousTop ?? float.MinValue, "channels stack");
                previousTop = box.Y;
                (await cells.Nth(i).EvaluateAsync<string>("c => getComputedStyle(c, '::before').content")).ShouldBe($"\"{await cells.Nth(i).GetAttributeAsync("data-channel")}\"");
            }

            // A Manager's switches stay reachable on the card (an offline operator has none).
            var toggle = row.Locator("[data-testid=toggle]").First;
            if (await toggle.CountAsync() > 0)
            {
                var switchBox = (await toggle.BoundingBoxAsync())!;
                (switchBox.X + switchBox.Width).ShouldBeLessThanOrEqualTo(390);
            }

            (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, "nothing is cut off at the right");
        }, "the phone card laid out inside the screen", TimeSpan.FromSeconds(10));
        await row.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("screenshots", "dashboard-phone.png") });
    }

    [Fact]
    public async Task On_a_wide_screen_the_grid_is_still_a_table()
    {
        var dashboard = new DashboardPage(await NewPageAsync(1366, 768), fixture.BaseAddress);
        await dashboard.OpenAsync("viewer", "viewer-demo");

        await Assertions.Expect(dashboard.Operators.First).ToHaveCSSAsync("display", "table-row");
        await Assertions.Expect(dashboard.Page.Locator("table.operator-grid thead")).ToBeVisibleAsync();
    }
}
