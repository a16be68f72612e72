using Dashboard.Tests;
using Dashboard.Tests.Integration;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>
/// A wall TV outlives the app: the process killed and started again, with nobody touching the screen. Twice: once
/// started again at once (the page finds a server that no longer knows its circuit), once only after the page has
/// tried and failed to reach it several times (it keeps trying, with its backoff, for as long as it takes).
/// </summary>
public sealed class TvRestartTests(ChromiumFixture chromium) : BrowserTest(chromium), IClassFixture<ChromiumFixture>
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Polling__LiveInterval"] = "00:00:01",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private readonly TestDatabase _database = new();
    private readonly Uri _address = AppProcess.FreeAddress();
    private AppProcess? _app;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private async Task StartAppAsync()
    {
        _app = AppProcess.Start(Settings, _database, _address);
        await _app.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_TV_link_comes_back_live_by_itself_after_restarts_short_and_long_and_sign_ins_survive_them()
    {
        // Where the time goes, in the test's output: mostly the app process starting, three times.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Mark(string what) => TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s {what}");
        await StartAppAsync();
        Mark("listening");
        var manager = await NewPageAsync();
        var link = await TvPage.MakeLinkAsync(manager, _address, "Restarts");
        var tv = await NewPageAsync(1920, 1080);
        var failedReconnects = 0;
        tv.RequestFailed += (_, request) =>
        {
            if (request.Url.Contains("/_blazor", StringComparison.Ordinal) || request.Url.Contains("/health/live", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref failedReconnects);
            }
        };
        Mark("link made");
        await tv.GotoAsync(link);
        await Assertions.Expect(TvPage.Tiles(tv).First).ToBeVisibleAsync();
        await Assertions.Expect(tv.GetByTestId("freshness")).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = 15_000 });
        await Assertions.Expect(TvPage.Live(tv)).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        foreach (var (restart, triesWhileDown) in new[] { (1, 0), (2, 3) })
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            Mark($"live; killing ({restart})");
            await _app!.DisposeAsync();
            _app = null;
            // The page knows at once that it lost the server, and says so.
            await Assertions.Expect(tv.GetByTestId("connection-lost")).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await Assertions.Expect(tv.GetByTestId("freshness")).ToHaveAttributeAsync("data-stale", "true");
            var before = Volatile.Read(ref failedReconnects);
            await Eventually.TrueAsync(
                () => Volatile.Read(ref failedReconnects) - before >= triesWhileDown,
                $"{triesWhileDown} failed attempts of the page to reach the stopped server (restart {restart})",
                TimeSpan.FromSeconds(30));

            Mark("lost, tries seen; starting");
            await StartAppAsync();
            Mark("listening again");
            var back = new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 };
            await Assertions.Expect(TvPage.Tiles(tv).First).ToBeVisibleAsync(back);
            await Assertions.Expect(tv.GetByTestId("connection-lost")).ToBeHiddenAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(tv.GetByTestId("freshness")).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = 30_000 });
            await Assertions.Expect(TvPage.Revoked(tv)).ToHaveCountAsync(0);
            // Live again, not only drawn by the server's first answer: the circuit is up.
            await Assertions.Expect(TvPage.Live(tv)).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            Mark("live again");
        }

        // The Manager's sign-in, made before the restarts, still opens a page: the keys live in the database. A new tab of
        // the same browser (same cookie): the old tab may be reloading itself after the restart, and would cut a
        // navigation short.
        var again = await manager.Context.NewPageAsync();
        await again.GotoAsync(new Uri(_address, "/tv/links").ToString());
        new Uri(again.Url).AbsolutePath.ShouldBe("/tv/links");
    }
}
