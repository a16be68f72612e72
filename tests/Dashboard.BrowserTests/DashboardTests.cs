using System.Text.RegularExpressions;
using Iadvize.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

public sealed class DashboardTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    private DashboardPage _dashboard = default!;

    public override async ValueTask InitializeAsync() => _dashboard = new DashboardPage(await NewPageAsync(), fixture.BaseAddress);

    private SimulatedPlatform Simulator => fixture.Services.GetRequiredService<SimulatedPlatform>();

    [Fact]
    public async Task A_Viewer_signed_in_through_the_login_form_sees_operators_but_no_toggles()
    {
        await _dashboard.OpenAsync("viewer", "viewer-demo", throughForm: true);

        await Assertions.Expect(_dashboard.Page.GetByTestId("signed-in")).ToContainTextAsync("viewer · Viewer");
        // More than five operators: a sixth row is drawn (the grid draws its rows a render batch at a time).
        await Assertions.Expect(_dashboard.Operators.Nth(5)).ToBeAttachedAsync();
        await Assertions.Expect(_dashboard.Page.Locator("[data-testid=toggle]")).ToHaveCountAsync(0);
        await Assertions.Expect(_dashboard.Page.Locator("[data-testid=bulk-open]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_dashboard_shows_every_operator_with_headline_numbers_and_fresh_data()
    {
        await _dashboard.OpenAsync();

        await Assertions.Expect(_dashboard.Kpi("operators")).ToHaveTextAsync(Simulator.OperatorIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(_dashboard.Operators.Nth(5)).ToBeAttachedAsync();
        await Assertions.Expect(_dashboard.Freshness).ToHaveAttributeAsync("data-stale", "false");
        await Assertions.Expect(_dashboard.Page.GetByTestId("simulated")).ToBeVisibleAsync();
        await _dashboard.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("screenshots", "dashboard.png") });
    }

    [Fact]
    public async Task Time_in_state_moves_on_in_the_browser_and_is_right_on_a_screen_whose_clock_is_wrong()
    {
        // This screen's clock is two hours behind the server's.
        await _dashboard.Page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = DateTime.UtcNow.AddHours(-2) });
        await _dashboard.OpenAsync();
        // A change the dashboard sees gives the channel a known start.
        var id = await _dashboard.FirstOperatorWithAsync("chat", "available");
        Simulator.SetAvailability(id, "chat", false);
        var since = _dashboard.Channel(id, "chat").Locator("span.since[data-from]:not([data-at-least])");
        await Assertions.Expect(since).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
        var from = DateTimeOffset.Parse(await since.GetAttributeAsync("data-from") ?? "", System.Globalization.CultureInfo.InvariantCulture);

        await Assertions.Expect(since).ToHaveTextAsync(Expected(TimeSpan.Zero));

        // No server render: only this screen's clock moves on, by 75 minutes.
        await _dashboard.Page.Clock.FastForwardAsync("01:15:00");

        await Assertions.Expect(since).ToHaveTextAsync(Expected(TimeSpan.FromMinutes(75)));

        // The durations a server would write at this moment; either side of a minute's turn while the test looks.
        Regex Expected(TimeSpan ahead)
        {
            var low = Dashboard.Live.Durations.Format(DateTimeOffset.UtcNow + ahead - from);
            var high = Dashboard.Live.Durations.Format(DateTimeOffset.UtcNow + ahead + TimeSpan.FromSeconds(15) - from);
            return new Regex($"^({Regex.Escape(low)}|{Regex.Escape(high)})$");
        }
    }

    [Fact]
    public async Task A_toggle_on_the_dashboard_appears_on_the_audit_page_with_its_operator_and_outcome()
    {
        await _dashboard.OpenAsync();
        var id = await _dashboard.FirstOperatorWithAsync("chat", "available");
        var name = fixture.Services.GetRequiredService<Dashboard.Live.AvailabilityStore>().Current.Find(id)!.Name;
        var toggle = _dashboard.Toggle(id, "chat");
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-checked", "false");

        await _dashboard.Page.GotoAsync(new Uri(fixture.BaseAddress, $"/audit?operator={id}").ToString());

        var entry = _dashboard.Page.GetByTestId("audit-entry").And(_dashboard.Page.Locator($"[data-operator-id='{id}']"));
        await Assertions.Expect(entry.First).ToContainTextAsync(name);
        await Assertions.Expect(entry.First).ToContainTextAsync("Succeeded");
    }

    [Fact]
    public async Task Toggling_chat_off_changes_the_state_and_the_simulator_receives_the_form_put()
    {
        await _dashboard.OpenAsync();
        var id = await _dashboard.FirstOperatorWithAsync("chat", "available");
        var toggle = _dashboard.Toggle(id, "chat");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-checked", "true");

        await toggle.ClickAsync();

        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-checked", "false");
        await Assertions.Expect(_dashboard.Channel(id, "chat")).ToHaveAttributeAsync("data-state", "unavailable");
        await Assertions.Expect(_dashboard.Page.GetByText("Operator is now unavailable for chat channel.", new PageGetByTextOptions { Exact = false })).ToBeVisibleAsync();
        Simulator.Requests.ShouldContain(r => r.Method == "PUT" && r.Path.EndsWith($"/operator/{id}/live", StringComparison.Ordinal)
            && r.Body == "chat%5Bavailable%5D=0" && r.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal));
        Simulator.GetLive(id)!.Chat.Available.ShouldBeFalse();
    }

    [Fact]
    public async Task A_change_in_the_upstream_reaches_the_open_page_without_a_reload()
    {
        await _dashboard.OpenAsync();
        var id = await _dashboard.FirstOperatorWithAsync("chat", "available");

        Simulator.Disconnect(id);

        await Assertions.Expect(_dashboard.Channel(id, "chat")).ToHaveAttributeAsync("data-state", "offline", new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 });
        await Assertions.Expect(_dashboard.Toggle(id, "chat")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Forcing_an_operator_offline_asks_for_confirmation_then_shows_them_offline()
    {
        await _dashboard.OpenAsync();
        var id = await _dashboard.FirstOperatorWithAsync("chat", "available");

        await _dashboard.Disconnect(id).ClickAsync();
        await _dashboard.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Force offline", Exact = true }).ClickAsync();

        await Assertions.Expect(_dashboard.Channel(id, "chat")).ToHaveAttributeAsync("data-state", "offline");
        await Assertions.Expect(_dashboard.Disconnect(id)).ToHaveCountAsync(0);
        Simulator.Requests.ShouldContain(r => r.Path.EndsWith($"/operator/{id}/live", StringComparison.Ordinal) && r.Body == "connected=0");
    }

    [Fact]
    public async Task Searching_narrows_the_grid_and_keeps_the_filter_in_the_address()
    {
        await _dashboard.OpenAsync();
        var name = (await _dashboard.Operators.First.Locator(".op-name").TextContentAsync())!.Trim();
        var lastName = name.Split(' ').Last();

        await _dashboard.Page.Locator("input[data-testid=filter-q], [data-testid=filter-q] input").First.FillAsync(lastName);

        await _dashboard.Page.WaitForURLAsync(url => url.Contains("q=" + Uri.EscapeDataString(lastName), StringComparison.Ordinal));
        var count = _dashboard.Page.GetByTestId("filter-count");
        await Assertions.Expect(count).ToBeVisibleAsync();
        // Every row drawn is one whose name holds the text (a retrying check: the rows are drawn a batch at a time).
        var notMatching = _dashboard.Operators.Filter(new LocatorFilterOptions { HasNot = _dashboard.Page.Locator(".op-name", new PageLocatorOptions { HasTextString = lastName }) });
        await Assertions.Expect(notMatching).ToHaveCountAsync(0);
        var shown = await _dashboard.FilteredRowsDrawnAsync();
        shown.ShouldBeGreaterThan(0);
        shown.ShouldBeLessThan(Simulator.OperatorIds.Count);
        var counted = await count.InnerTextAsync();

        await _dashboard.Page.ReloadAsync();
        await Assertions.Expect(count).ToHaveTextAsync(counted);
        await Assertions.Expect(notMatching).ToHaveCountAsync(0);
        await Assertions.Expect(_dashboard.Operators).ToHaveCountAsync(shown);
    }

    [Fact]
    public async Task When_the_upstream_fails_the_page_keeps_its_figures_says_they_are_stale_and_recovers_by_itself()
    {
        await _dashboard.OpenAsync();
        var operators = await _dashboard.Kpi("operators").TextContentAsync();
        try
        {
            Simulator.Faults = new SimulatorFaults { ErrorRate = 1 };

            var banner = _dashboard.Page.GetByTestId("stale-banner");
            await Assertions.Expect(banner).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
            await Assertions.Expect(banner).ToContainTextAsync("failed", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
            await Assertions.Expect(_dashboard.Freshness).ToHaveAttributeAsync("data-stale", "true");
            await Assertions.Expect(_dashboard.Kpi("operators")).ToHaveTextAsync(operators!);
            await _dashboard.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("screenshots", "stale.png") });
        }
        finally
        {
            Simulator.Faults = SimulatorFaults.None;
        }

        await Assertions.Expect(_dashboard.Freshness).ToHaveAttributeAsync("data-stale", "false", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
        await Assertions.Expect(_dashboard.Page.GetByTestId("stale-banner")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_bulk_change_from_a_selection_shows_a_preview_asks_to_confirm_and_reports_progress()
    {
        await _dashboard.OpenAsync();
        var page = _dashboard.Page;
        var ids = new List<int>();
        var rows = page.Locator("[data-testid=operator]:has([data-testid=channel][data-channel=chat][data-state=available])");
        for (var i = 0; i < 3; i++)
        {
            var id = int.Parse((await rows.Nth(i).GetAttributeAsync("data-operator-id"))!, System.Globalization.CultureInfo.InvariantCulture);
            ids.Add(id);
            await page.Locator($"[data-testid=select][data-operator-id='{id}']").CheckAsync();
        }

        await Assertions.Expect(page.GetByTestId("selected-count")).ToHaveTextAsync("3 selected");
        await page.GetByTestId("bulk-open").ClickAsync();
        await page.GetByText("Make unavailable on chat").ClickAsync();
        await page.GetByTestId("bulk-preview-button").ClickAsync();

        var preview = page.GetByTestId("bulk-preview");
        await Assertions.Expect(preview).ToHaveAttributeAsync("data-change", "3");
        await Assertions.Expect(preview).ToContainTextAsync("3 operators will be asked to make unavailable on chat");
        Simulator.Requests.ShouldNotContain(r => ids.Any(id => r.Path.EndsWith($"/operator/{id}/live", StringComparison.Ordinal)));

        await page.GetByTestId("bulk-confirm").ClickAsync();

        var progress = page.GetByTestId("bulk-progress");
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-finished", "true", new LocatorAssertionsToHaveAttributeOptions { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=bulk-result][data-outcome=done]")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("screenshots", "bulk.png") });
        await page.GetByTestId("bulk-close").ClickAsync();
        foreach (var id in ids)
        {
            await Assertions.Expect(_dashboard.Channel(id, "chat")).ToHaveAttributeAsync("data-state", "unavailable");
        }
    }
}
