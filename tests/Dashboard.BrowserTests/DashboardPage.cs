using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>The supervisor dashboard as a person sees it, through the DOM hooks of CONTRACT.md.</summary>
public sealed class DashboardPage(IPage page, Uri baseAddress)
{
    public IPage Page => page;

    public ILocator Operators => page.Locator("[data-testid=operator]");

    public ILocator Operator(int id) => page.Locator($"[data-testid=operator][data-operator-id='{id}']");

    public ILocator Channel(int id, string channel) => Operator(id).Locator($"[data-testid=channel][data-channel={channel}]");

    public ILocator Toggle(int id, string channel) => page.Locator($"[data-testid=toggle][data-operator-id='{id}'][data-channel={channel}]");

    public ILocator Disconnect(int id) => page.Locator($"[data-testid=disconnect][data-operator-id='{id}']");

    public ILocator Kpi(string name) => page.Locator($"[data-testid=kpi][data-kpi={name}]");

    public ILocator Freshness => page.Locator("[data-testid=freshness]");

    public async Task OpenAsync()
    {
        await page.GotoAsync(baseAddress.ToString());
        // Toggles are enabled only once the circuit is live; before that a click would go nowhere.
        await page.Locator("[data-testid=toggle]:not([disabled])").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
    }

    /// <summary>The id of the first operator on screen whose channel is in the given state.</summary>
    public async Task<int> FirstOperatorWithAsync(string channel, string state)
    {
        var cell = page.Locator($"[data-testid=operator]:has([data-testid=channel][data-channel={channel}][data-state={state}]):has([data-testid=toggle][data-channel={channel}])").First;
        return int.Parse(await cell.GetAttributeAsync("data-operator-id") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
