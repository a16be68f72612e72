using Dashboard.Auth;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>
/// axe-core (Deque) on the four pages people work in, signed in as a Manager (who sees every control): no serious or
/// critical violation, in the light theme (<see cref="LightThemeAccessibilityTests"/>) and in the dark one
/// (<see cref="DarkThemeAccessibilityTests"/>), two classes that run at the same time. Each page is checked once it is
/// live, as a person would meet it; one theme's pages are visited one after another in the same tab, and every page's
/// violations are reported. On the shared app, each theme as a Manager account of its own: the theme it switches is that
/// account's, which no other class reads.
/// </summary>
public abstract class AccessibilityTests(SharedApp fixture, bool dark) : BrowserTest(fixture)
{
    private const string Password = "axe-manager-password";

    /// <summary>Each page, and what shows that it is live.</summary>
    private static readonly (string Path, string Ready)[] Pages =
    [
        ("/", "[data-testid=toggle]:not([disabled])"),
        ("/operators/{id}", "[data-testid=toggle]:not([disabled])"),
        ("/audit", "[data-testid=audit-apply]:not([disabled])"),
        ("/accounts", "[data-testid=account]"),
    ];

    // Only the violations with every node: axe otherwise returns every node of every rule passed, for nothing read here.
    private static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    [Fact]
    public async Task The_pages_have_no_serious_or_critical_accessibility_violation()
    {
        var userName = dark ? "axe-manager-dark" : "axe-manager-light";
        await fixture.Services.GetRequiredService<AccountSeeding>().EnsureAsync(userName, Password, Role.Manager, TestContext.Current.CancellationToken);
        var dashboard = new DashboardPage(await NewPageAsync(), fixture.BaseAddress);
        await dashboard.OpenAsync(userName, Password, manager: true);
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

            var result = await dashboard.Page.RunAxe(ViolationsOnly);

            found.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v =>
                $"{path}: {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
        }

        found.ShouldBeEmpty(string.Join("\n", found));
    }
}

/// <summary>The four pages in the light theme.</summary>
public sealed class LightThemeAccessibilityTests(SharedApp fixture) : AccessibilityTests(fixture, dark: false);

/// <summary>The four pages in the dark theme.</summary>
public sealed class DarkThemeAccessibilityTests(SharedApp fixture) : AccessibilityTests(fixture, dark: true);
