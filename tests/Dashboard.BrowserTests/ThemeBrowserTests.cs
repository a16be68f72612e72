using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>The dark theme, chosen once, follows the person: through a sign-out, and on the very first paint after.</summary>
public sealed class ThemeBrowserTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    // DashboardTheme's dark and light page backgrounds, as the browser computes them.
    private const string DarkBackground = "rgb(15, 23, 34)";
    private const string LightBackground = "rgb(244, 246, 249)";

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    [Fact]
    public async Task Dark_chosen_before_signing_out_is_on_again_after_signing_in()
    {
        var context = await NewContextAsync();
        var dashboard = new DashboardPage(await context.NewPageAsync(), fixture.BaseAddress);
        await dashboard.OpenAsync("supervisor", "supervisor-demo");
        var toggle = dashboard.Page.GetByTestId("theme-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        (await BackgroundAsync(dashboard.Page)).ShouldBe(LightBackground);

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        (await BackgroundAsync(dashboard.Page)).ShouldBe(DarkBackground);
        // The operator grid's own colours follow too (app.css), not only MudBlazor's.
        var gridHead = await dashboard.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.operator-grid thead th')).backgroundColor");
        gridHead.ShouldBe("rgb(24, 34, 47)");

        await dashboard.Page.GetByTestId("logout").ClickAsync();
        await dashboard.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        await dashboard.OpenAsync("supervisor", "supervisor-demo");

        await Assertions.Expect(dashboard.Page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        (await BackgroundAsync(dashboard.Page)).ShouldBe(DarkBackground);
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
        (await BackgroundAsync(manager.Page)).ShouldBe(LightBackground);
    }
}
