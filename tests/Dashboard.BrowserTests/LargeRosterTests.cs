using Dashboard.Tests;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>A contact centre of 3,000 operators: more than the page renders at once.</summary>
public sealed class LargeRosterFixture() : BrowserFixture(new Dictionary<string, string> { ["Simulator:OperatorCount"] = "3000" });

public sealed class LargeRosterTests(LargeRosterFixture fixture) : BrowserTest(fixture), IClassFixture<LargeRosterFixture>
{
    [Fact]
    public async Task Only_the_visible_rows_are_in_the_page_and_scrolling_brings_the_others()
    {
        var dashboard = new DashboardPage(await NewPageAsync(), fixture.BaseAddress);

        await dashboard.OpenAsync();

        await Assertions.Expect(dashboard.Kpi("operators")).ToHaveTextAsync("3000");
        await RenderedRowsAreAScreenfulAsync(dashboard);
        var firstId = await dashboard.Operators.First.GetAttributeAsync("data-operator-id");

        await dashboard.Page.Locator(".operator-scroll").EvaluateAsync("element => element.scrollTop = element.scrollHeight");

        await Assertions.Expect(dashboard.Operator(int.Parse(firstId!, System.Globalization.CultureInfo.InvariantCulture))).ToHaveCountAsync(0);
        await RenderedRowsAreAScreenfulAsync(dashboard);
        await dashboard.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("screenshots", "large-roster.png") });
    }

    // A screenful and a margin, not the 3,000: a retrying check, since the grid draws its rows a render batch at a time.
    private static Task RenderedRowsAreAScreenfulAsync(DashboardPage dashboard) => Eventually.PassesAsync(
        async () => (await dashboard.Operators.CountAsync()).ShouldBeInRange(5, 200),
        "between 5 and 200 rows in the page",
        TimeSpan.FromSeconds(10));
}
