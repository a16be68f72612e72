using Bunit;
using Dashboard.Components.Widgets;
using Dashboard.Demand;
using Dashboard.Live;
using Dashboard.Tests.Demand;

namespace Dashboard.Tests.Components;

public sealed class DemandBandTests : DashboardComponentTest
{
    private static readonly DateTimeOffset ReadAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1));

    private static DemandFigures Figures() => DemandBuilder.Today(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.FromHours(1)))
        .With(ChannelKind.Chat, DemandIndicator.MissedBusy, 3)
        .With(ChannelKind.Chat, DemandIndicator.MissedAbsent, 1)
        .With(ChannelKind.Chat, DemandIndicator.Waiting, 12)
        .With(ChannelKind.Chat, DemandIndicator.Abandoned, 2)
        .With(ChannelKind.Chat, DemandIndicator.WaitingTime, 65.4)
        .With(ChannelKind.Chat, DemandIndicator.ResponseTime, 42)
        .With(ChannelKind.Call, DemandIndicator.ResponseTime, 18.2)
        .With(ChannelKind.Video, DemandIndicator.ResponseTime, null)
        .Build();

    private static string Value(IRenderedComponent<DemandBand> band, ChannelKind channel, DemandIndicator indicator) =>
        band.Find($"[data-testid=demand][data-channel={channel.ToWire()}][data-indicator={indicator.ToWire()}]").TextContent;

    [Fact]
    public void Each_channel_shows_its_figures_with_their_hooks_as_people_read_them()
    {
        Demand.Publish(Figures(), ReadAt, Now.AddMinutes(2));

        var band = Render<DemandBand>();

        band.Find("[data-testid=demand-band]").GetAttribute("data-stale").ShouldBe("false");
        Value(band, ChannelKind.Chat, DemandIndicator.MissedBusy).ShouldBe("3");
        Value(band, ChannelKind.Chat, DemandIndicator.MissedAbsent).ShouldBe("1");
        Value(band, ChannelKind.Chat, DemandIndicator.Waiting).ShouldBe("12");
        Value(band, ChannelKind.Chat, DemandIndicator.Abandoned).ShouldBe("2");
        Value(band, ChannelKind.Chat, DemandIndicator.WaitingTime).ShouldBe("1 min 05");
        Value(band, ChannelKind.Chat, DemandIndicator.ResponseTime).ShouldBe("42 s");
        Value(band, ChannelKind.Call, DemandIndicator.ResponseTime).ShouldBe("18 s");
        Value(band, ChannelKind.Video, DemandIndicator.Waiting).ShouldBe("0");
        // iAdvize gave no figure: a dash, not a zero.
        Value(band, ChannelKind.Video, DemandIndicator.ResponseTime).ShouldBe("–");
        // Only what iAdvize measures on each channel: six on chat, one on call, four on video.
        band.FindAll("[data-testid=demand][data-channel=chat]").Count.ShouldBe(6);
        band.FindAll("[data-testid=demand][data-channel=call]").Count.ShouldBe(1);
        band.FindAll("[data-testid=demand][data-channel=video]").Count.ShouldBe(4);
        band.Find(".demand-when").TextContent.ShouldContain("from 00:00 · read 10:00");
        band.FindAll("[data-testid=demand-stale-reason]").ShouldBeEmpty();
    }

    [Fact]
    public void Before_the_first_read_no_figure_is_shown_and_the_band_says_why()
    {
        Demand.ReportProblem("The request budget is kept for the live poll and people's changes; trying again later.");

        var band = Render<DemandBand>();

        band.Find("[data-testid=demand-band]").GetAttribute("data-stale").ShouldBe("true");
        band.FindAll("[data-testid=demand]").ShouldBeEmpty();
        band.Find("[data-testid=demand-stale-reason]").TextContent
            .ShouldBe("Demand not loaded yet. The request budget is kept for the live poll and people's changes; trying again later.");
        band.Find("[data-testid=demand-band]").TextContent.ShouldNotContain("0");
    }

    [Fact]
    public void A_failed_read_keeps_the_last_figures_dimmed_with_since_when_and_why()
    {
        Demand.Publish(Figures(), ReadAt, Now.AddMinutes(2));
        var band = Render<DemandBand>();

        Demand.ReportProblem("Reading the chat statistics failed: The iAdvize API failed (HTTP 500).");

        band.WaitForAssertion(() =>
        {
            var container = band.Find("[data-testid=demand-band]");
            container.GetAttribute("data-stale").ShouldBe("true");
            container.ClassList.ShouldContain("is-stale");
        });
        Value(band, ChannelKind.Chat, DemandIndicator.Waiting).ShouldBe("12");
        band.Find("[data-testid=demand-stale-reason]").TextContent
            .ShouldBe("Demand not updated since 10:00. Reading the chat statistics failed: The iAdvize API failed (HTTP 500).");
    }

    [Fact]
    public async Task New_figures_reach_an_open_band_and_leaving_the_page_unsubscribes()
    {
        var band = Render<DemandBand>();
        Demand.ListenerCount.ShouldBe(1);

        Demand.Publish(Figures(), ReadAt, Now.AddMinutes(2));

        band.WaitForAssertion(() => Value(band, ChannelKind.Chat, DemandIndicator.MissedBusy).ShouldBe("3"));
        band.Find("[data-testid=demand-band]").GetAttribute("data-stale").ShouldBe("false");
        await DisposeComponentsAsync();
        Demand.ListenerCount.ShouldBe(0);
    }
}
