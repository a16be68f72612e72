using System.Globalization;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>The framework's circuit meter on /metrics counts the dashboards really open in a browser.</summary>
public sealed class MetricsBrowserTests(SharedApp fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_open_dashboard_is_counted_as_an_active_circuit()
    {
        var dashboard = new DashboardPage(await NewPageAsync(), fixture.BaseAddress);

        await dashboard.OpenAsync();

        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var scrape = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        var active = scrape.Split('\n').Single(l => !l.StartsWith('#') && l.Contains("aspnetcore_components_circuit_active", StringComparison.Ordinal));
        double.Parse(active[(active.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        scrape.ShouldContain("aspnetcore_components_circuit_connected");
    }
}
