using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>French, chosen once in the app bar, follows the person: through a sign-out, and onto a browser that forgot it.</summary>
public sealed class LanguageBrowserTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    private static ILocator Option(IPage page, string language) => page.GetByTestId("language").Locator($"[data-language={language}]");

    [Fact]
    public async Task French_chosen_in_the_app_bar_stays_after_signing_out_and_in_again()
    {
        var context = await NewContextAsync();
        var dashboard = new DashboardPage(await context.NewPageAsync(), fixture.BaseAddress);
        var page = dashboard.Page;
        await dashboard.OpenAsync("supervisor", "supervisor-demo");
        await Assertions.Expect(Option(page, "en")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByTestId("logout")).ToHaveTextAsync("Sign out");

        await Option(page, "fr").ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Assertions.Expect(Option(page, "fr")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByTestId("logout")).ToHaveTextAsync("Se déconnecter");
        await Assertions.Expect(page.Locator(".operator-grid thead .col-name")).ToHaveTextAsync("Opérateur");
        await Assertions.Expect(page.Locator(".kpi-card .kpi-label").First).ToHaveTextAsync("Opérateurs");
        // The hooks scripts read stay as they were: states in English, kpi texts plain numbers.
        await Assertions.Expect(page.Locator("[data-testid=channel]").First).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator(
            "[data-testid=channel]:not([data-state=available]):not([data-state=busy]):not([data-state=unavailable]):not([data-state=disabled]):not([data-state=offline])"))
            .ToHaveCountAsync(0);
        await Assertions.Expect(dashboard.Kpi("operators")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+$"));

        await page.GetByTestId("logout").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        await Assertions.Expect(page.Locator("button[type=submit]")).ToHaveTextAsync("Se connecter");
        await dashboard.OpenAsync("supervisor", "supervisor-demo");
        await Assertions.Expect(page.GetByTestId("logout")).ToHaveTextAsync("Se déconnecter");

        // A browser without the language cookie (cleared, or another machine) gets the stored choice at sign-in.
        await page.GetByTestId("logout").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        await context.ClearCookiesAsync(new BrowserContextClearCookiesOptions { Name = ".AspNetCore.Culture" });
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("button[type=submit]")).ToHaveTextAsync("Sign in");
        await dashboard.OpenAsync("supervisor", "supervisor-demo");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Assertions.Expect(page.GetByTestId("logout")).ToHaveTextAsync("Se déconnecter");
    }

    [Fact]
    public async Task Someone_who_never_chose_keeps_English()
    {
        var dashboard = new DashboardPage(await NewPageAsync(), fixture.BaseAddress);

        await dashboard.OpenAsync("viewer", "viewer-demo");

        await Assertions.Expect(dashboard.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(Option(dashboard.Page, "en")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(dashboard.Page.GetByTestId("logout")).ToHaveTextAsync("Sign out");
    }
}
