using Dashboard.Auth;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>
/// axe-core (Deque) on the four pages people work in, signed in as a Manager (who sees every control): no serious or
/// critical violation, in the light theme and in the dark one. Each page is checked once it is live, as a person would
/// meet it; one theme's pages are visited one after another in the same tab, and every page's violations are reported.
/// On the shared app, as a Manager account of its own: the theme it switches is that account's, which no other class reads.
/// </summary>
public sealed class AccessibilityTests(SharedApp fixture) : BrowserTest(fixture)
{
    private const string UserName = "axe-manager";
    private const string Password = "axe-manager-password";

    /// <summary>Each page, and what shows that it is live.</summary>
    private static readonly (string Path, string Ready)[] Pages =
    [
        ("/", "[data-testid=toggle]:not([disabled])"),
        ("/operators/{id}", "[data-testid=toggle]:not([disabled])"),
        ("/audit", "[data-testid=audit-apply]:not([disabled])"),
        ("/accounts", "[data-testid=account]"),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_pages_have_no_serious_or_critical_accessibility_violation(bool dark)
    {
        await fixture.Services.GetRequiredService<AccountSeeding>().EnsureAsync(UserName, Password, Role.Manager, TestContext.Current.CancellationToken);
        var dashboard = new DashboardPage(await NewPageAsync(), fixture.BaseAddress);
        await dashboard.OpenAsync(UserName, Password, manager: true);
        // The theme is the Manager's, remembered between the cases: set it to this case's either way.
        var theme = dashboard.Page.GetByTestId("theme-toggle");
        if (await theme.GetAttributeAsync("aria-pressed") != (dark ? "true" : "false"))
        {
            await theme.ClickAsync();
            await Assertions.Expect(theme).ToHaveAttributeAsync("aria-pressed", dark ? "true" : "false");
        }

        var id = await dashboard.Operators.First.GetAttributeAsync("data-operator-id");
        var found = new List<string>();
        foreach (var (path, ready) in Pages)
        {
            var address = path.Replace("{id}", id, StringComparison.Ordinal);
            if (address != "/")
            {
                await dashboard.Page.GotoAsync(new Uri(fixture.BaseAddress, address).ToString());
            }

            await dashboard.Page.Locator(ready).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
            await Assertions.Expect(theme).ToHaveAttributeAsync("aria-pressed", dark ? "true" : "false");

            var result = await dashboard.Page.RunAxe();

            found.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v =>
                $"{path}: {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
        }

        found.ShouldBeEmpty(string.Join("\n", found));
    }
}
