using Iadvize.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Tests;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

public sealed class TvBrowserTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{

    private SimulatedPlatform Simulator => fixture.Services.GetRequiredService<SimulatedPlatform>();

    // A fresh browser each time: its own cookies (none), like a TV on the wall or a manager at a desk.
    private Task<IPage> NewBrowserAsync(int width = 1920, int height = 1080) => NewPageAsync(width, height);

    [Fact]
    public async Task A_TV_link_opens_the_wall_view_with_its_own_settings_and_nothing_else()
    {
        var manager = await NewBrowserAsync(1440, 900);
        var link = await TvPage.MakeLinkAsync(manager, fixture.BaseAddress, "Lobby", "sort=name&figures=free-slots,occupancy&channel=chat");

        var tv = await NewBrowserAsync();
        // The address's own settings cannot widen what the link was made with.
        await tv.GotoAsync(link + "&channel=call&figures=busy");
        await Assertions.Expect(TvPage.Tiles(tv).First).ToBeVisibleAsync();
        await Assertions.Expect(tv.Locator("[data-testid=kpi]")).ToHaveCountAsync(2);
        await Assertions.Expect(tv.Locator("[data-testid=kpi][data-kpi=free-slots-chat]")).ToHaveAttributeAsync("data-level", new System.Text.RegularExpressions.Regex("^(ok|warn|alert)$"));
        await Assertions.Expect(tv.Locator("[data-testid=kpi][data-kpi=occupancy-chat]")).ToBeVisibleAsync();
        await Assertions.Expect(tv.Locator("[data-testid=channel][data-channel=call]")).ToHaveCountAsync(0);
        await Assertions.Expect(tv.GetByTestId("freshness")).ToHaveAttributeAsync("data-stale", "false");
        await Assertions.Expect(tv.GetByTestId("legend")).ToContainTextAsync("Available");
        await Assertions.Expect(tv.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        // Every tile drawn, by name (a retrying check: the board may still be drawing).
        await Eventually.PassesAsync(async () =>
        {
            var names = await TvPage.Tiles(tv).Locator(".tv-name").AllTextContentsAsync();
            names.Count.ShouldBeGreaterThan(1);
            names.ShouldBe([.. names.Order(StringComparer.CurrentCultureIgnoreCase)]);
        }, "the TV's tiles in name order", TimeSpan.FromSeconds(10));
        await tv.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("screenshots", "tv-link.png") });

        // Viewer rights on /tv alone: no other page, no export, no hub.
        foreach (var path in new[] { "/", "/audit", "/tv/links", "/accounts" })
        {
            await tv.GotoAsync(new Uri(fixture.BaseAddress, path).ToString());
            new Uri(tv.Url).AbsolutePath.ShouldBe("/login", $"{path} opened for a TV link");
        }

        var export = await tv.APIRequest.GetAsync(new Uri(fixture.BaseAddress, "/export/operators.csv").ToString(), new APIRequestContextOptions { MaxRedirects = 0 });
        export.Status.ShouldNotBe(200);
        var negotiate = await tv.APIRequest.PostAsync(new Uri(fixture.BaseAddress, "/hubs/availability/negotiate?negotiateVersion=1").ToString());
        negotiate.Status.ShouldBe(401);
    }

    [Fact]
    public async Task Revoking_a_link_blanks_its_screen_at_once_and_the_link_then_opens_nothing()
    {
        var manager = await NewBrowserAsync(1440, 900);
        var link = await TvPage.MakeLinkAsync(manager, fixture.BaseAddress, "Support floor");
        var tv = await NewBrowserAsync();
        await tv.GotoAsync(link);
        await Assertions.Expect(TvPage.Tiles(tv).First).ToBeVisibleAsync();
        // Live, not just prerendered: the circuit is what must hear the revoke.
        await tv.Locator("[data-testid=tv-clock]").WaitForAsync();
        await tv.WaitForFunctionAsync("() => window.Blazor !== undefined");

        var row = manager.Locator("[data-testid=tv-link][data-name='Support floor']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "active");
        await row.GetByTestId("revoke-tv-link").ClickAsync();
        await row.GetByTestId("confirm-revoke").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "revoked");

        await Assertions.Expect(TvPage.Revoked(tv)).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 5_000 });
        await Assertions.Expect(TvPage.Tiles(tv)).ToHaveCountAsync(0);
        await Assertions.Expect(tv.Locator("[data-testid=kpi]")).ToHaveCountAsync(0);

        await tv.ReloadAsync();
        await Assertions.Expect(TvPage.Revoked(tv)).ToBeVisibleAsync();
        await Assertions.Expect(TvPage.Tiles(tv)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task When_the_upstream_fails_the_TV_says_stale_within_two_intervals_and_recovers_by_itself()
    {
        var tv = await NewBrowserAsync();
        await tv.GotoAsync(fixture.BaseAddress.ToString());
        await tv.Locator("input[name=username]").FillAsync("viewer");
        await tv.Locator("input[name=password]").FillAsync("viewer-demo");
        await tv.Locator("button[type=submit]").ClickAsync();
        await tv.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await tv.GotoAsync(new Uri(fixture.BaseAddress, "/tv?theme=light").ToString());
        await Assertions.Expect(TvPage.Tiles(tv).First).ToBeVisibleAsync();
        await Assertions.Expect(tv.Locator(".tv-light")).ToBeVisibleAsync();
        await tv.WaitForFunctionAsync("() => window.Blazor !== undefined");
        try
        {
            Simulator.Faults = new SimulatorFaults { ErrorRate = 1 };

            // Two intervals of 0.5 s, and the poller's retries: well within 10 s.
            await Assertions.Expect(tv.GetByTestId("tv-stale")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
            await Assertions.Expect(tv.GetByTestId("tv-stale")).ToContainTextAsync("last update at");
            await Assertions.Expect(tv.GetByTestId("freshness")).ToHaveAttributeAsync("data-stale", "true");
            await Assertions.Expect(tv.Locator(".tv.is-stale")).ToHaveCountAsync(1);
            await Assertions.Expect(TvPage.Tiles(tv).First).ToBeVisibleAsync();
            await tv.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("screenshots", "tv-stale.png") });
        }
        finally
        {
            Simulator.Faults = SimulatorFaults.None;
        }

        await Assertions.Expect(tv.GetByTestId("tv-stale")).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
        await Assertions.Expect(tv.GetByTestId("freshness")).ToHaveAttributeAsync("data-stale", "false");
    }

    [Fact]
    public async Task Without_a_link_or_a_sign_in_the_TV_asks_for_a_sign_in_and_a_made_up_link_opens_nothing()
    {
        var tv = await NewBrowserAsync();
        await tv.GotoAsync(new Uri(fixture.BaseAddress, "/tv?group=Support").ToString());
        new Uri(tv.Url).AbsolutePath.ShouldBe("/login");
        tv.Url.ShouldContain("ReturnUrl=%2Ftv%3Fgroup%3DSupport");

        await tv.GotoAsync(new Uri(fixture.BaseAddress, "/tv?link=made-up-token").ToString());
        await Assertions.Expect(TvPage.Revoked(tv)).ToBeVisibleAsync();
        await Assertions.Expect(TvPage.Tiles(tv)).ToHaveCountAsync(0);
    }
}
