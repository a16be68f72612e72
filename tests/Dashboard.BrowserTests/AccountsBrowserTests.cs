using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>The app with open pages re-checking their account every second, so that a disabled account is seen to leave.</summary>
public sealed class QuickRevalidationFixture() : BrowserFixture(new Dictionary<string, string> { ["Auth:RevalidationInterval"] = "00:00:01" });

public sealed class AccountsBrowserTests(QuickRevalidationFixture fixture) : BrowserTest(fixture), IClassFixture<QuickRevalidationFixture>
{
    // One browser context per person: each has its own cookies, like two people at two desks.
    private async Task<DashboardPage> NewPersonAsync() => new(await NewPageAsync(), fixture.BaseAddress);

    [Fact]
    public async Task A_Manager_creates_an_account_that_signs_in_with_its_role_and_is_sent_away_when_disabled()
    {
        var manager = await NewPersonAsync();
        await manager.OpenAsync();
        await manager.Page.GetByTestId("nav-accounts").ClickAsync();
        await manager.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/accounts");
        await Assertions.Expect(manager.Page.Locator("[data-testid=account][data-username=viewer]")).ToBeVisibleAsync();

        await manager.Page.Locator("#new-username").FillAsync("nina");
        await manager.Page.GetByTestId("generate-password").ClickAsync();
        await Assertions.Expect(manager.Page.Locator("#new-password")).Not.ToHaveValueAsync("");
        var password = await manager.Page.Locator("#new-password").InputValueAsync();
        await manager.Page.GetByTestId("create-account").ClickAsync();
        await Assertions.Expect(manager.Page.GetByTestId("accounts-message")).ToContainTextAsync("Account nina created as Viewer.");
        var row = manager.Page.Locator("[data-testid=account][data-username=nina]");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "active");
        await manager.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("screenshots", "accounts.png") });

        var nina = await NewPersonAsync();
        await nina.OpenAsync("nina", password);
        await Assertions.Expect(nina.Page.GetByTestId("signed-in")).ToContainTextAsync("nina · Viewer");
        await Assertions.Expect(nina.Page.Locator("[data-testid=toggle]")).ToHaveCountAsync(0);

        await row.GetByTestId("disable-account").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "disabled");

        // Nina's page is open and does nothing: within a few seconds it finds the sign-in gone and goes to the sign-in page.
        await nina.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login", new PageWaitForURLOptions { Timeout = 15_000 });
        await nina.Page.Locator("input[name=username]").FillAsync("nina");
        await nina.Page.Locator("input[name=password]").FillAsync(password);
        await nina.Page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(nina.Page.GetByTestId("login-error")).ToHaveTextAsync("This account is disabled. Ask a Manager.");
    }
}
