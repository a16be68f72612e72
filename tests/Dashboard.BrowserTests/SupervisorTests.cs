using CsvHelper;
using Dashboard.Live;
using Dashboard.Operators;
using Iadvize.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

public sealed class SupervisorTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    private DashboardPage _dashboard = default!;

    public override async ValueTask InitializeAsync()
    {
        var context = await NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        _dashboard = new DashboardPage(await context.NewPageAsync(), fixture.BaseAddress);
    }

    private SimulatedPlatform Simulator => fixture.Services.GetRequiredService<SimulatedPlatform>();

    private AvailabilityStore Store => fixture.Services.GetRequiredService<AvailabilityStore>();

    // Someone with something to show: connected, two channels, skills, a free chat slot for the live change.
    private OperatorState Interesting() =>
        Store.Current.Operators.First(o => o.Chat.Status == ChannelStatus.Available && o.Chat.Slots + 1 < o.Chat.MaxSlots && o.Call.Enabled && o.Skills is not null);

    [Fact]
    public async Task A_Supervisor_clicks_an_operator_name_and_sees_their_details_updating_live()
    {
        await _dashboard.OpenAsync("supervisor", "supervisor-demo");
        var op = Interesting();

        await _dashboard.OperatorLink(op.Id).ClickAsync();

        await _dashboard.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/operators/{op.Id}");
        var details = new OperatorDetailsView(_dashboard.Page);
        await Assertions.Expect(details.Root).ToContainTextAsync(op.Name);
        await Assertions.Expect(details.Roles).ToBeVisibleAsync();
        await Assertions.Expect(details.Channel("chat")).ToHaveAttributeAsync("data-state", "available");
        await Assertions.Expect(details.Channel("chat")).ToHaveAttributeAsync("data-slots", $"{op.Chat.Slots}/{op.Chat.MaxSlots}");
        await Assertions.Expect(details.Channel("call")).ToHaveAttributeAsync("data-state", op.Call.Status.ToWire());
        await Assertions.Expect(details.Channel("video")).ToHaveAttributeAsync("data-state", op.Video.Status.ToWire());
        // A Supervisor sees, and may change, nothing more.
        await Assertions.Expect(_dashboard.Page.Locator("[data-testid=toggle]")).ToHaveCountAsync(0);
        await Assertions.Expect(_dashboard.Page.GetByTestId("operator-audit")).ToHaveCountAsync(0);

        Simulator.StartConversation(op.Id, "chat").ShouldBeTrue();

        await Assertions.Expect(details.Channel("chat")).ToHaveAttributeAsync("data-slots", $"{op.Chat.Slots + 1}/{op.Chat.MaxSlots}", new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 });
        await _dashboard.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("screenshots", "operator-details.png") });
    }

    [Fact]
    public async Task A_Manager_switches_a_channel_on_the_details_page_and_sees_it_in_the_recent_changes()
    {
        await _dashboard.OpenAsync();
        var op = Interesting();
        await _dashboard.Page.GotoAsync(new Uri(fixture.BaseAddress, $"/operators/{op.Id}").ToString());
        var details = new OperatorDetailsView(_dashboard.Page);
        await Assertions.Expect(details.Roles).ToBeVisibleAsync();

        await details.Toggle("chat").ClickAsync();

        await Assertions.Expect(details.Channel("chat")).ToHaveAttributeAsync("data-state", "unavailable");
        // The switch stays busy until the command has written the audit's completion.
        await Assertions.Expect(details.Toggle("chat")).ToHaveAttributeAsync("aria-busy", "false");
        await _dashboard.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Read the changes again" }).ClickAsync();
        await Assertions.Expect(details.RecentChanges.First).ToHaveAttributeAsync("data-outcome", "Succeeded");
        await Assertions.Expect(details.RecentChanges.First).ToContainTextAsync("available → unavailable");
        await _dashboard.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("screenshots", "operator-details-manager.png"), FullPage = true });
    }

    [Fact]
    public async Task The_export_button_downloads_the_rows_the_filtered_grid_shows()
    {
        await _dashboard.OpenAsync("supervisor", "supervisor-demo");
        await _dashboard.Page.GotoAsync(new Uri(fixture.BaseAddress, "/?channel=chat&state=available").ToString());
        await Assertions.Expect(_dashboard.Page.GetByTestId("filter-count")).ToBeVisibleAsync();
        var shown = await _dashboard.FilteredRowsDrawnAsync();
        await _dashboard.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("screenshots", "dashboard-supervisor.png") });

        var download = await _dashboard.Page.RunAndWaitForDownloadAsync(() => _dashboard.ExportCsv.ClickAsync());

        download.SuggestedFilename.ShouldMatch(@"^operators-\d{8}-\d{6}\.csv$");
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.For<OperatorCsvRow>());
        var rows = reader.GetRecords<OperatorCsvRow>().ToList();
        rows.Count.ShouldBe(shown);
        rows.Count.ShouldBe(Store.Current.Operators.Count(o => o.Chat.Status == ChannelStatus.Available));
        rows.ShouldAllBe(r => r.ChatState == "available");
    }
}
