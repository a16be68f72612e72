using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Integration;

/// <summary>What `dotnet run --project src/Dashboard` gives a newcomer: a living dashboard on the simulator, quickly.</summary>
[Trait("Kind", "Integration")]
[Collection(TimingCollection.Name)]
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
        shownAfter.ShouldBeLessThan(TimeSpan.FromSeconds(10));

        await Eventually.TrueAsync(
            async () => Cells(await http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken)) != first,
            "the simulated operators changing state or slots on the page",
            TimeSpan.FromSeconds(30) - clock.Elapsed,
            TimeSpan.FromMilliseconds(500));
        (await http.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken)).IsSuccessStatusCode.ShouldBeTrue();
    }

    private static Task<string> WaitForOperatorsAsync(HttpClient http, TimeSpan limit) =>
        Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    var html = await http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
                    if (html.Contains("name=\"password\"", StringComparison.Ordinal))
                    {
                        // Redirected to sign in: the simulator's demo Viewer may look at the dashboard.
                        using var _ = await DashboardFactory.PostLoginAsync(http, "viewer", "viewer-demo");
                        html = await http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
                    }

                    return Cells(html);
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                    return "";
                }
            },
            cells => cells.Length > 0,
            "operators on /",
            limit,
            TimeSpan.FromMilliseconds(200));

    // Only the channel hooks: the rest of the page (times, render ids) changes on every request.
    private static string Cells(string html) => string.Join('\n', ChannelHook().Matches(html).Select(m => m.Value));

    [GeneratedRegex("data-testid=\"channel\"[^>]*")]
    private static partial Regex ChannelHook();
}
