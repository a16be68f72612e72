using System.Collections.Immutable;
using Bunit;
using Dashboard.Components.Pages;
using Dashboard.DayCurve;
using Dashboard.Demand;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Components;

public sealed class DayPageTests : DashboardComponentTest
{
    // The day of Now (09:00 UTC) in UTC.
    private static readonly DateTimeOffset DayStart = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    public DayPageTests()
        : base(services =>
        {
            services.AddSingleton(Options.Create(new DemandOptions { TimeZone = "UTC" }));
            services.AddSingleton<DayCurveStore>();
        })
    {
    }

    private DayCurveStore Curve => Services.GetRequiredService<DayCurveStore>();

    private static AvailabilitySample Sample(int hour, int minute, int freeChat, int freeCall = 2) =>
        new() { At = DayStart.AddHours(hour).AddMinutes(minute), AvailableChat = 3, FreeSlotsChat = freeChat, AvailableCall = 1, FreeSlotsCall = freeCall };

    private void PublishMissed(params (int Hour, double Busy, double Absent)[] hours) =>
        Curve.PublishHourly(new HourlyMissed(
            DayStart, hours.ToImmutableDictionary(h => DayStart.AddHours(h.Hour), h => new HourMissed(h.Busy, h.Absent)), Now, Now.AddMinutes(2)));

    private static AngleSharp.Dom.IElement Hour(IRenderedComponent<Day> page, int hour) => page.Find($"[data-testid=day-hour][data-hour='{hour}']");

    [Fact]
    public void The_day_page_speaks_French_under_a_French_culture_with_the_same_figures()
    {
        Curve.Load([Sample(8, 10, freeChat: 3)]);
        PublishMissed((8, 7, 2));
        using var french = Localization.TestTexts.InCulture("fr");

        var page = Render<Day>();

        page.Find("#day-title").TextContent.ShouldBe("Aujourd'hui");
        page.Find("[data-testid=day-hours] thead th").TextContent.ShouldBe("Heure");
        page.Find("[data-testid=day-channel][data-channel=call]").TextContent.ShouldBe("Appel");
        Hour(page, 8).GetAttribute("data-missed").ShouldBe("9");
        Hour(page, 8).GetAttribute("data-free-slots-chat").ShouldBe("3");
    }

    [Fact]
    public void Each_hour_so_far_shows_its_lowest_free_slots_and_missed_opportunities()
    {
        Curve.Load([Sample(8, 10, freeChat: 3), Sample(8, 40, freeChat: 1, freeCall: 0), Sample(9, 0, freeChat: 4)]);
        PublishMissed((8, 7, 2), (7, 0, 0));

        var page = Render<Day>();

        // From the first hour with a figure (07:00, whose missed opportunities iAdvize gave) to the hour in progress.
        page.FindAll("[data-testid=day-hour]").Select(r => r.GetAttribute("data-hour")).ShouldBe(["7", "8", "9"]);
        var eight = Hour(page, 8);
        eight.GetAttribute("data-free-slots-chat").ShouldBe("1");
        eight.GetAttribute("data-free-slots-call").ShouldBe("0");
        eight.GetAttribute("data-free-slots-video").ShouldBe("0");
        eight.GetAttribute("data-missed").ShouldBe("9");
        eight.TextContent.ShouldContain("08:00");
        eight.TextContent.ShouldContain("9 (7 + 2)");
        // Zero missed is a figure iAdvize gave; an hour it gave none for, and one with no sample, show a dash.
        Hour(page, 7).GetAttribute("data-missed").ShouldBe("0");
        Hour(page, 9).GetAttribute("data-missed").ShouldBe(string.Empty);
        Hour(page, 7).GetAttribute("data-free-slots-chat").ShouldBe(string.Empty);
        Hour(page, 7).QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ShouldBe(["–", "–", "–", "0 (0 + 0)"]);
        Hour(page, 9).QuerySelector("td:last-child")!.TextContent.Trim().ShouldBe("–");
        page.Find("[data-testid=day-curve]").GetAttribute("data-hourly-stale").ShouldBe("false");
        page.Find("[data-testid=day-curve] svg").ShouldNotBeNull();
        page.FindAll("[data-testid=day-hourly-stale]").ShouldBeEmpty();
        page.Find("[data-testid=day-zone]").TextContent.ShouldContain("Times in UTC");
    }

    [Fact]
    public void Missed_opportunities_that_failed_to_load_are_shown_as_not_loaded_never_as_zero()
    {
        Curve.Load([Sample(8, 10, freeChat: 3)]);
        Curve.ReportHourlyProblem("Reading the missed opportunities per hour failed: The iAdvize API failed (HTTP 500).");

        var page = Render<Day>();

        page.Find("[data-testid=day-hourly-stale]").TextContent.ShouldBe(
            "Missed opportunities per hour not loaded yet. Reading the missed opportunities per hour failed: The iAdvize API failed (HTTP 500).");
        page.Find("[data-testid=day-curve]").GetAttribute("data-hourly-stale").ShouldBe("true");
        page.FindAll("[data-testid=day-hour]").ShouldAllBe(row => row.GetAttribute("data-missed") == string.Empty);
        Hour(page, 8).GetAttribute("data-free-slots-chat").ShouldBe("3");
    }

    [Fact]
    public void Missed_opportunities_read_before_a_failure_stay_marked_stale()
    {
        PublishMissed((8, 7, 2));
        Curve.ReportHourlyProblem("The iAdvize API asked us to slow down; trying again later.");

        var page = Render<Day>();

        page.Find("[data-testid=day-hourly-stale]").TextContent.ShouldBe(
            "Missed opportunities per hour not updated since 09:00. The iAdvize API asked us to slow down; trying again later.");
        Hour(page, 8).GetAttribute("data-missed").ShouldBe("9");
    }

    [Fact]
    public async Task A_new_sample_shows_on_an_open_page()
    {
        var page = Render<Day>();
        Hour(page, 9).GetAttribute("data-free-slots-chat").ShouldBe(string.Empty);

        await page.InvokeAsync(() => Curve.Add(Sample(9, 0, freeChat: 6)));

        page.WaitForAssertion(() => Hour(page, 9).GetAttribute("data-free-slots-chat").ShouldBe("6"));
        page.Find("[data-testid=day-zone]").TextContent.ShouldContain("1 samples");
    }

    [Fact]
    public void Another_channel_draws_its_own_capacity_and_says_missed_opportunities_are_chat_only()
    {
        var page = Render<Day>();

        page.Find("[data-testid=day-channel][data-channel=call]").Click();

        page.Find("[data-testid=day-curve]").GetAttribute("data-channel").ShouldBe("call");
        page.Find("[data-testid=day-channel][data-channel=call]").GetAttribute("aria-pressed").ShouldBe("true");
        page.Find("[data-testid=day-channel][data-channel=chat]").GetAttribute("aria-pressed").ShouldBe("false");
        page.Find(".day-note").TextContent.ShouldContain("chat only");
    }

    [Fact]
    public void Closing_the_page_stops_listening_to_the_curve()
    {
        var page = Render<Day>();
        Curve.ListenerCount.ShouldBe(1);

        page.Instance.Dispose();

        Curve.ListenerCount.ShouldBe(0);
    }
}
