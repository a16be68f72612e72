using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Integration;

/// <summary>What `dotnet run --project src/Dashboard` gives a newcomer: a living dashboard on the simulator, quickly.</summary>
public sealed partial class StartupTests
{
    [Fact]
    public async Task The_app_started_with_no_configuration_shows_a_changing_dashboard_within_ten_seconds()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string>());
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();

        var first = await WaitForOperatorsAsync(http, TimeSpan.FromSeconds(10));
        var shownAfter = clock.Elapsed;
        string? changed = null;
        while (changed is null && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(1000, TestContext.Current.CancellationToken);
            var page = Cells(await http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken));
            changed = page != first ? page : null;
        }

        shownAfter.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        changed.ShouldNotBeNull("the simulated operators should change state or slots within seconds");
        (await http.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken)).IsSuccessStatusCode.ShouldBeTrue();
    }

    private static async Task<string> WaitForOperatorsAsync(HttpClient http, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var html = await http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
                if (html.Contains("name=\"password\"", StringComparison.Ordinal))
                {
                    // Redirected to sign in: the simulator's demo Viewer may look at the dashboard.
                    using var _ = await DashboardFactory.PostLoginAsync(http, "viewer", "viewer-demo");
                    continue;
                }

                var cells = Cells(html);
                if (cells.Length > 0)
                {
                    return cells;
                }
            }
            catch (HttpRequestException) when (clock.Elapsed < limit)
            {
                // Not listening yet.
            }

            if (clock.Elapsed >= limit)
            {
                throw new TimeoutException($"No operator on / after {limit}.");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    // Only the channel hooks: the rest of the page (times, render ids) changes on every request.
    private static string Cells(string html) => string.Join('\n', ChannelHook().Matches(html).Select(m => m.Value));

    [GeneratedRegex("data-testid=\"channel\"[^>]*")]
    private static partial Regex ChannelHook();
}
