using Bunit;
using Dashboard.Components.Widgets;
using Dashboard.Live;

namespace Dashboard.Tests.Components;

public sealed class KpiBarTests : DashboardComponentTest
{
    [Fact]
    public void Each_channel_shows_occupancy_and_every_figure_carries_its_level_by_colour_icon_and_words()
    {
        // Chat: one operator with 1 of 2 slots free (free-slots 1: red under the default 5,2); occupancy 50 %: fine.
        var kpis = KpiSet.Compute([OperatorBuilder.An(1).WithChat(slots: 1, max: 2)]);

        var bar = Render<KpiBar>(parameters => parameters.Add(b => b.Kpis, kpis));

        var free = bar.Find("[data-testid=kpi][data-kpi=free-slots-chat]");
        free.TextContent.ShouldBe("1");
        free.GetAttribute("data-level").ShouldBe("alert");
        free.ParentElement!.ClassList.ShouldContain("level-alert");
        free.ParentElement.TextContent.ShouldContain("✖");
        free.ParentElement.TextContent.ShouldContain("alert");
        var occupancy = bar.Find("[data-testid=kpi][data-kpi=occupancy-chat]");
        occupancy.TextContent.ShouldBe("50");
        occupancy.GetAttribute("data-level").ShouldBe("ok");
        occupancy.ParentElement!.TextContent.ShouldContain("% occupancy");
        // Available 1: amber under the default 2,0.
        bar.Find("[data-testid=kpi][data-kpi=available-chat]").GetAttribute("data-level").ShouldBe("warn");
        // No slot open on video: no occupancy to speak of, and no alarm for it.
        var video = bar.Find("[data-testid=kpi][data-kpi=occupancy-video]");
        video.TextContent.ShouldBe("–");
        video.GetAttribute("data-level").ShouldBe("ok");
        bar.FindAll("[data-testid=kpi]").Count.ShouldBe(2 + (3 * 4));
    }
}
