using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>The wall TV and its links page, through the DOM hooks of CONTRACT.md.</summary>
public static class TvPage
{
    public static ILocator Tiles(IPage page) => page.Locator("[data-testid=operator]");

    public static ILocator Revoked(IPage page) => page.GetByTestId("tv-revoked");

    /// <summary>The board once its circuit runs (before that it is the server's first, static answer).</summary>
    public static ILocator Live(IPage page) => page.Locator("[data-testid=tv][data-interactive=true]");

    /// <summary>Signs in as the demo Manager (if needed) and makes a TV link on /tv/links; answers its full URL.</summary>
    public static async Task<string> MakeLinkAsync(IPage manager, Uri baseAddress, string name, string settings = "")
    {
        await manager.GotoAsync(new Uri(baseAddress, "/tv/links").ToString());
        if (new Uri(manager.Url).AbsolutePath == "/login")
        {
            await manager.Locator("input[name=username]").FillAsync("manager");
            await manager.Locator("input[name=password]").FillAsync("manager-demo");
            await manager.Locator("button[type=submit]").ClickAsync();
            await manager.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/tv/links");
        }

        await manager.Locator("[data-testid=create-tv-link]:not([disabled])").WaitForAsync();
        await manager.Locator("#tv-link-name").FillAsync(name);
        await manager.Locator("#tv-link-settings").FillAsync(settings);
        await manager.GetByTestId("create-tv-link").ClickAsync();
        var url = manager.Locator("#tv-link-url");
        await Assertions.Expect(url).Not.ToHaveValueAsync("");
        return await url.InputValueAsync();
    }
}
