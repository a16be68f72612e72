using Dashboard.Tests;
using Dashboard.Tests.Integration;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>A wall TV outlives the app: the process killed and started again, five times, with nobody touching the screen.</summary>
public sealed class TvRestartTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Polling__LiveInterval"] = "00:00:01",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private readonly TestDatabase _database = new();
    private readonly Uri _address = AppProcess.FreeAddress();
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;
    private AppProcess? _app;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private async Task StartAppAsync()
    {
        _app = AppProcess.Start(Settings, _database, _address);
        using var http = new HttpClient { BaseAddress = _address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/health/live", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            if (_app.Process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The app did not answer /health/live within 60 s: {(_app.Process.HasExited ? await _app.StandardError : "still running")}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task A_TV_link_comes_back_live_by_itself_after_each_of_five_restarts_and_sign_ins_survive_them()
    {
        await StartAppAsync();
        var managerContext = await _browser.NewContextAsync();
        var manager = await managerContext.NewPageAsync();
        var link = await TvPage.MakeLinkAsync(manager, _address, "Restarts");
        var tvContext = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await tvContext.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        var tv = await tvContext.NewPageAsync();
        await tv.GotoAsync(link);
        await Assertions.Expect(TvPage.Tiles(tv).First).ToBeVisibleAsync();
        await Assertions.Expect(tv.GetByTestId("freshness")).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = 15_000 });
        await Assertions.Expect(TvPage.Live(tv)).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        var passed = false;
        try
        {
            for (var restart = 1; restart <= 5; restart++)
            {
                await _app!.DisposeAsync();
                _app = null;
                // The page knows at once that it lost the server, and says so.
                await Assertions.Expect(tv.GetByTestId("connection-lost")).ToBeVisibleAsync(new() { Timeout = 10_000 });
                await Assertions.Expect(tv.GetByTestId("freshness")).ToHaveAttributeAsync("data-stale", "true");
                await Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

                await StartAppAsync();
                var back = new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 };
                await Assertions.Expect(TvPage.Tiles(tv).First).ToBeVisibleAsync(back);
                await Assertions.Expect(tv.GetByTestId("connection-lost")).ToBeHiddenAsync(new() { Timeout = 30_000 });
                await Assertions.Expect(tv.GetByTestId("freshness")).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = 30_000 });
                (await TvPage.Revoked(tv).CountAsync()).ShouldBe(0, $"restart {restart}");
                // Live again, not only drawn by the server's first answer: the circuit is up.
                await Assertions.Expect(TvPage.Live(tv)).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            }

            // The Manager's sign-in, made before the five restarts, still opens a page: the keys live in the database.
            await manager.GotoAsync(new Uri(_address, "/tv/links").ToString());
            new Uri(manager.Url).AbsolutePath.ShouldBe("/tv/links");
            passed = true;
        }
        finally
        {
            await tvContext.Tracing.StopAsync(new TracingStopOptions { Path = passed ? null : Path.Combine("playwright-traces", "tv-restarts.zip") });
            await tvContext.DisposeAsync();
            await managerContext.DisposeAsync();
        }
    }
}
