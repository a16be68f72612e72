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

    /// <summary>An operator's name as a link to their details (Supervisor and Manager only).</summary>
    public ILocator OperatorLink(int id) => page.Locator($"[data-testid=operator-link][data-operator-id='{id}']");

    /// <summary>The download of what the grid shows (Supervisor and Manager only).</summary>
    public ILocator ExportCsv => page.GetByTestId("export-csv");

    /// <summary>
    /// How many operators a filtered grid shows ("N of M operators"), once every one of them is drawn: the live grid
    /// draws its rows a render batch at a time, so a count taken as soon as the page is live may be short.
    /// </summary>
    public async Task<int> FilteredRowsDrawnAsync()
    {
        var counted = await page.GetByTestId("filter-count").InnerTextAsync();
        var shown = int.Parse(counted.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(Operators).ToHaveCountAsync(shown);
        return shown;
    }

    /// <summary>
    /// Opens the dashboard, signed in as <paramref name="userName"/> (the demo Manager by default). The first time in a
    /// test run, and whenever <paramref name="throughForm"/> is set, through the real <c>/login</c> form; after that a
    /// fresh browser context starts with the cookies of that sign-in, as a browser that is still signed in would. A
    /// sign-in the app no longer honours (its session was ended) brings the form, and a new sign-in is kept. A sign-in
    /// through the form because <paramref name="throughForm"/> is set is the test's own: never handed to another context,
    /// so that a test may sign it out while other classes use the same account on the same app.
    /// <paramref name="manager"/> says whether the account is a Manager's (who has toggles): the demo Manager's unless told.
    /// </summary>
    public async Task OpenAsync(string userName = "manager", string password = "manager-demo", bool throughForm = false, bool? manager = null)
    {
        var key = $"{baseAddress} {userName}";
        if (!throughForm && SignIns.TryGetValue(key, out var kept) && (await page.Context.CookiesAsync()).Count == 0)
        {
            await page.Context.AddCookiesAsync(kept);
        }

        await page.GotoAsync(baseAddress.ToString());
        if (new Uri(page.Url).AbsolutePath == "/login")
        {
            await page.Locator("input[name=username]").FillAsync(userName);
            await page.Locator("input[name=password]").FillAsync(password);
            await page.Locator("button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
            // A sign-in a test asked for is its own (it may sign it out): only the others are kept for other contexts.
            if (!throughForm)
            {
                SignIns[key] = [.. (await page.Context.CookiesAsync()).Select(c => new Cookie
                {
                    Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly,
                    Secure = c.Secure, SameSite = c.SameSite,
                })];
            }
        }

        // Toggles and filters are enabled only once the circuit is live; before that a click would go nowhere. Only a
        // Manager has toggles; everyone has the filters.
        var ready = (manager ?? userName == "manager") ? "[data-testid=toggle]:not([disabled])" : "[data-testid=filter-group]:not([disabled])";
        await page.Locator(ready).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });
        await Operators.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>Each app's sign-ins made through the form, by app address and user name: their cookies.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<Cookie>> SignIns = new();

    /// <summary>The id of the first operator on screen whose channel is in the given state.</summary>
    public async Task<int> FirstOperatorWithAsync(string channel, string state)
    {
        var cell = page.Locator($"[data-testid=operator]:has([data-testid=channel][data-channel={channel}][data-state={state}]):has([data-testid=toggle][data-channel={channel}])").First;
        return int.Parse(await cell.GetAttributeAsync("data-operator-id") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
