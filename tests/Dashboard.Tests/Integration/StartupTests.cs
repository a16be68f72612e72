using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Integration;

/// <summary>What `dotnet run --project src/Dashboard` gives a newcomer: a living dashboard on the simulator, quickly.</summary>
/// <remarks>
/// The ten seconds run from the moment the app listens (its <c>/health/live</c> answers), not from the process start:
/// before that the runtime loads and compiles the app, a cost that grows with whatever else the machine is doing, and
/// under load that alone has taken more than ten seconds. From listening on, what shows operators is the app's own work
/// (the first poll, a sign-in, a page), which a slow first poll or a page waiting for a later one would break. The time
/// to listen is written to the test's output, and bounded only by the wait for it.
/// </remarks>
[Trait("Kind", "Integration")]
[Trait("Kind", TimingCollection.Kind)]
[Collection(TimingCollection.Name)]
public sealed partial class StartupTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_app_started_with_no_configuration_shows_a_changing_dashboard_within_ten_seconds_of_listening()
    {
        var sinceStart = Stopwatch.StartNew();
        await using var app = AppProcess.Start(new Dictionary<string, string>());
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await app.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
        var listeningAfter = sinceStart.Elapsed;
        var clock = Stopwatch.StartNew();

        var first = await WaitForOperatorsAsync(http, Bound);
        var shownAfter = clock.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Listening {listeningAfter.TotalSeconds:0.0} s after the process started; operators on / {shownAfter.TotalSeconds:0.0} s later.");
        shownAfter.ShouldBeLessThan(Bound);

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
