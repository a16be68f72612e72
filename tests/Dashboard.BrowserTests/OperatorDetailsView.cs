using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>The operator details page (<c>/operators/{id}</c>) as a person sees it.</summary>
public sealed class OperatorDetailsView(IPage page)
{
    public IPage Page => page;

    public ILocator Root => page.GetByTestId("operator-details");

    public ILocator Channel(string channel) => Root.Locator($"[data-testid=operator] [data-testid=channel][data-channel={channel}]");

    public ILocator Toggle(string channel) => Root.Locator($"[data-testid=toggle][data-channel={channel}]");

    /// <summary>Read from iAdvize once the page is live: its presence says the circuit is up.</summary>
    public ILocator Roles => page.GetByTestId("operator-roles");

    public ILocator RecentChanges => page.Locator("[data-testid=operator-audit] [data-testid=audit-entry]");
}
