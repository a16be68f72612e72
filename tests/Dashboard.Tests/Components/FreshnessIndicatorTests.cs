using Bunit;
using Dashboard.Components.Widgets;

namespace Dashboard.Tests.Components;

public sealed class FreshnessIndicatorTests : DashboardComponentTest
{
    [Fact]
    public void Fresh_data_is_marked_live_with_its_time()
    {
        Store.PublishSnapshot([OperatorBuilder.An(1)], Now);

        var indicator = Render<FreshnessIndicator>().Find("[data-testid=freshness]");

        indicator.GetAttribute("data-stale").ShouldBe("false");
        indicator.GetAttribute("data-updated-at").ShouldBe("2026-11-25T09:00:00.000Z");
    }

    [Fact]
    public void After_two_missed_intervals_the_data_is_stale_and_the_banner_says_why()
    {
        Store.PublishSnapshot([OperatorBuilder.An(1)], Now);
        var chip = Render<FreshnessIndicator>();
        var banner = Render<FreshnessIndicator>(p => p.Add(f => f.Banner, true));

        Clock.Advance(TimeSpan.FromSeconds(7));
        Store.ReportFailure("Reading the live state failed: The iAdvize API failed (HTTP 503).", Clock.GetUtcNow());

        chip.WaitForAssertion(() => chip.Find("[data-testid=freshness]").GetAttribute("data-stale").ShouldBe("true"));
        banner.WaitForAssertion(() => banner.Find("[data-testid=stale-banner]").TextContent.ShouldContain("HTTP 503"));
    }

    [Theory]
    [InlineData("Manager", true)]
    [InlineData("Viewer", false)]
    public void After_a_rejected_key_only_a_manager_is_offered_to_retry(string role, bool offered)
    {
        Authorization.SetRoles(role);
        Store.ReportFailure("The iAdvize API rejected the API key (Forbidden).", Now, keyRejected: true);

        var banner = Render<FreshnessIndicator>(p => p.Add(f => f.Banner, true));

        banner.Find("[data-testid=stale-banner]").TextContent.ShouldContain("rejected the API key");
        banner.FindAll("[data-testid=retry-polling]").Count.ShouldBe(offered ? 1 : 0);
    }
}
