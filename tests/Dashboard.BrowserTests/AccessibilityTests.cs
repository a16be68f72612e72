using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>
/// axe-core (Deque) on the four pages people work in, signed in as a Manager (who sees every control): no serious or
/// critical violation, in the light theme and in the dark one. Each page is checked once it is live, as a person would
/// meet it.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/", "[data-testid=toggle]:not([disabled])", false)]
    [InlineData("/operators/{id}", "[data-testid=toggle]:not([disabled])", false)]
    [InlineData("/audit", "[data-testid=audit-apply]:not([disabled])", false)]
    [InlineData("/accounts", "[data-testid=account]", false)]
    [InlineData("/", "[data-testid=toggle]:not([disabled])", true)]
    [InlineData("/operators/{id}", "[data-testid=toggle]:not([disabled])", true)]
    [InlineData("/audit", "[data-testid=audit-apply]:not([disabled])", true)]
    [InlineData("/accounts", "[data-testid=account]", true)]
    public async Task A_page_has_no_serious_or_critical_accessibility_violation(string path, string ready, bool dark)
    {
        var dashboard = new DashboardPage(await NewPageAsync(), fixture.BaseAddress);
        await dashboard.OpenAsync();
        // The theme is the Manager's, remembered between the cases: set it to this case's either way.
        var theme = dashboard.Page.GetByTestId("theme-toggle");
        if (await theme.GetAttributeAsync("aria-pressed") != (dark ? "true" : "false"))
        {
            await theme.ClickAsync();
            await Assertions.Expect(theme).ToHaveAttributeAsync("aria-pressed", dark ? "true" : "false");
        }

        if (path != "/")
        {
            var id = await dashboard.Operators.First.GetAttributeAsync("data-operator-id");
            await dashboard.Page.GotoAsync(new Uri(fixture.BaseAddress, path.Replace("{id}", id, StringComparison.Ordinal)).ToString());
        }

        await dashboard.Page.Locator(ready).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        await Assertions.Expect(theme).ToHaveAttributeAsync("aria-pressed", dark ? "true" : "false");

        var result = await dashboard.Page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        serious.ShouldBeEmpty(string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
    }
}
