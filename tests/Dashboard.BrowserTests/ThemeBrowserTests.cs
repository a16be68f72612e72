using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>
/// The dark theme, chosen once, follows the person: through a sign-out, and on the very first paint after. On the shared
/// app: the Supervisor's and the Viewer's themes are read by no other class, and the Manager's is changed by none.
/// </summary>
public sealed class ThemeBrowserTests(SharedApp fixture) : BrowserTest(fixture)
{
    // DashboardTheme's dark and light page backgrounds, as the browser computes them.
    private const string DarkBackground = "rgb(15, 23, 34)";
    private const string LightBackground = "rgb(244, 246, 249)";

    // Retrying: the page's colours change with a class the live page sets, maybe a moment after the switch shows pressed.
    private static Task ExpectBackgroundAsync(IPage page, string colour) =>
        Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", colour);

    [Fact]
    public async Task Dark_chosen_before_signing_out_is_on_again_after_signing_in()
    {
        var context = await NewContextAsync();
        var dashboard = new DashboardPage(await context.NewPageAsync(), fixture.BaseAddress);
        // A sign-in of its own: this test signs it out, and other classes on the shared app sign in as the Supervisor too.
        await dashboard.OpenAsync("supervisor", "supervisor-demo", throughForm: true);
        var toggle = dashboard.Page.GetByTestId("theme-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        await ExpectBackgroundAsync(dashboard.Page, LightBackground);

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await ExpectBackgroundAsync(dashboard.Page, DarkBackground);
        // The operator grid's own colours follow too (app.css), not only MudBlazor's.
        await Assertions.Expect(dashboard.Page.Locator(".operator-grid thead th").First).ToHaveCSSAsync("background-color", "rgb(24, 34, 47)");

        await dashboard.Page.GetByTestId("logout").ClickAsync();
        await dashboard.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        await dashboard.OpenAsync("supervisor", "supervisor-demo");

        await Assertions.Expect(dashboard.Page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await ExpectBackgroundAsync(dashboard.Page, DarkBackground);
        // The HTML the server sends first is dark already: no flash of the light theme before the page goes live.
        var html = await (await context.APIRequest.GetAsync(fixture.BaseAddress.ToString())).TextAsync();
        html.ShouldContain("app-theme theme-dark");
    }

    [Fact]
    public async Task Each_person_keeps_their_own_theme()
    {
        var viewer = new DashboardPage(await NewPageAsync(), fixture.BaseAddress);
        await viewer.OpenAsync("viewer", "viewer-demo");
        await viewer.Page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(viewer.Page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-pressed", "true");

        var manager = new DashboardPage(await NewPageAsync(), fixture.BaseAddress);
        await manager.OpenAsync();

        await Assertions.Expect(manager.Page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-pressed", "false");
        await ExpectBackgroundAsync(manager.Page, LightBackground);
    }
}
