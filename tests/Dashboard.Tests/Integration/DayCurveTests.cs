using Dashboard.DayCurve;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Integration;

/// <summary>The day's curve: samples written to the database on their period, and drawn again by the next app on it.</summary>
[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed class DayCurveTests
{
    private static DashboardFactory App(TestDatabase database, string sampleInterval) => new(database)
    {
        Settings =
        {
            ["Samples:Interval"] = sampleInterval,
            ["Demand:TimeZone"] = "UTC",
        },
    };

    [Fact]
    public async Task Samples_are_stored_and_a_restarted_app_on_the_same_database_draws_them()
    {
        await using var database = new TestDatabase();
        await using (var first = App(database, "00:00:00.200"))
        {
            await first.StartAndWaitForFirstSnapshotAsync();
            var curve = first.Services.GetRequiredService<DayCurveStore>();
            await Eventually.TrueAsync(() => curve.Current.SampleCount >= 3, "three samples taken");
        }

        int stored;
        await using (var db = database.CreateDbContext())
        {
            stored = await db.AvailabilitySamples.CountAsync(TestContext.Current.CancellationToken);
        }

        stored.ShouldBeGreaterThanOrEqualTo(3);

        // Samples an hour apart: whatever this app shows, the first one stored.
        await using var second = App(database, "01:00:00");
        await second.StartAndWaitForFirstSnapshotAsync();
        second.Services.GetRequiredService<DayCurveStore>().Current.SampleCount.ShouldBe(stored);

        using var client = await second.CreateSignedInClientAsync();
        var html = await client.GetStringAsync(new Uri("/day", UriKind.Relative), TestContext.Current.CancellationToken);
        html.ShouldContain("data-testid=\"day-curve\"");
        html.ShouldContain($"{stored} samples");
        var hour = DateTimeOffset.UtcNow.Hour.ToString(System.Globalization.CultureInfo.InvariantCulture);
        html.ShouldMatch($"data-testid=\"day-hour\" data-hour=\"{hour}\"[^>]*data-free-slots-chat=\"\\d+\"");
    }
}
