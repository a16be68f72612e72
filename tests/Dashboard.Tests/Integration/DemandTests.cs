using System.Globalization;
using Dashboard.Demand;
using Dashboard.Live;
using Iadvize.Simulator;

namespace Dashboard.Tests.Integration;

/// <summary>Today's demand read from the embedded simulator's <c>GET /statistic</c> on its period, and kept when it fails.</summary>
[Trait("Kind", "Integration")]
public sealed class DemandTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new()
    {
        Settings =
        {
            ["Demand:Interval"] = "00:00:01",
            ["Demand:TimeZone"] = "UTC",
            // Many contacts in few simulated seconds, so that the queue fills and contacts are missed.
            ["Simulator:TickInterval"] = "00:00:00.100",
            ["Simulator:ContactsPerMinute"] = "3000",
        },
    };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private DemandStore Demand => _factory.Services.GetRequiredService<DemandStore>();

    private SimulatedPlatform Simulator => _factory.Services.GetRequiredService<SimulatedPlatform>();

    public async ValueTask InitializeAsync() => await _factory.StartAndWaitForFirstSnapshotAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_figures_follow_the_simulator_and_stay_marked_stale_when_it_fails()
    {
        for (var i = 0; i < 300; i++)
        {
            Simulator.Step();
        }

        var chat = ChatSums();
        chat.Queued.ShouldBeGreaterThan(0, "the simulated load should fill the queue");
        var expected = new Dictionary<DemandIndicator, double>
        {
            [DemandIndicator.MissedBusy] = chat.MissedBusy,
            [DemandIndicator.MissedAbsent] = chat.MissedNone,
            [DemandIndicator.Waiting] = chat.Queued,
            [DemandIndicator.Abandoned] = chat.QueueAborted,
        };

        // The next reads on the period pick up what the simulator did.
        await Eventually.PassesAsync(() =>
        {
            var figures = Demand.Current.Figures.ShouldNotBeNull();
            foreach (var (indicator, value) in expected)
            {
                figures.Chat[indicator].ShouldBe(value, indicator.ToWire());
            }

            return Task.CompletedTask;
        }, "the chat demand the simulator counted");
        Demand.Current.Problem.ShouldBeNull();
        var readsBefore = Demand.Reads;
        var figuresBefore = Demand.Current.Figures;

        Simulator.Faults = new SimulatorFaults { ErrorRate = 1 };
        try
        {
            await Eventually.TrueAsync(() => Demand.Current.Problem is not null, "a failed demand read");

            Demand.Current.Figures.ShouldBeSameAs(figuresBefore);
            Demand.Current.Problem!.ShouldContain("statistics failed");
            Demand.Reads.ShouldBeGreaterThan(readsBefore);
            Demand.Failures.ShouldBeGreaterThan(0);

            // The page shows the kept figures, marked stale with the reason; and /metrics counted the reads.
            using var client = await _factory.CreateSignedInClientAsync();
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/", UriKind.Relative), Token));
            page.QuerySelector("[data-testid=demand-band]")!.GetAttribute("data-stale").ShouldBe("true");
            page.QuerySelector("[data-testid=demand-stale-reason]")!.TextContent.ShouldContain("Demand not updated since");
            page.QuerySelector("[data-testid=demand][data-channel=chat][data-indicator=contact_waiting_number]")!.TextContent
                .ShouldBe(chat.Queued.ToString(CultureInfo.InvariantCulture));
            var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), Token);
            Series(metrics, "dashboard_statistic_reads_total").ShouldBeGreaterThanOrEqualTo(readsBefore + 1);
            Series(metrics, "dashboard_statistic_read_failures_total").ShouldBeGreaterThanOrEqualTo(1);
            Series(metrics, "dashboard_demand_stale").ShouldBe(1);
        }
        finally
        {
            Simulator.Faults = SimulatorFaults.None;
        }

        await Eventually.TrueAsync(() => Demand.Current.Problem is null && !Demand.Current.IsStale(DateTimeOffset.UtcNow), "demand read again once the simulator recovered");
    }

    private static double Series(string scrape, string name) => double.Parse(
        scrape.Split('\n').Single(line => line.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..], CultureInfo.InvariantCulture);

    // What the simulator itself counted on chat today, every skill and website.
    private ContactCounters ChatSums() => Simulator.ReadStatistics(book =>
        book.Sum(long.MinValue, long.MaxValue, 1 << (int)Channel.Chat, (1 << book.WebsiteCount) - 1, null, bySkill: false, period: null)
            .Values.Single().Contacts);
}
