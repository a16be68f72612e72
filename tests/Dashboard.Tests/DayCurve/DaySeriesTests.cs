using System.Collections.Immutable;
using Dashboard.DayCurve;
using Dashboard.Live;

namespace Dashboard.Tests.DayCurve;

public sealed class DaySeriesTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    // Midnight in Paris on 25 November: 23:00 UTC the day before.
    private static readonly DateTimeOffset DayStart = new(2026, 11, 25, 0, 0, 0, TimeSpan.FromHours(1));

    private static readonly DateTimeOffset Now = DayStart.AddHours(14).AddMinutes(20);

    private static AvailabilitySample Sample(DateTimeOffset at, int freeChat, int availableChat = 3, int freeCall = 1) =>
        new() { At = at, AvailableChat = availableChat, FreeSlotsChat = freeChat, AvailableCall = 1, FreeSlotsCall = freeCall };

    private static HourlyMissed Hourly(DateTimeOffset since, DateTimeOffset readAt, params (int Hour, double Busy, double Absent)[] hours) =>
        new(since, hours.ToImmutableDictionary(h => since.AddHours(h.Hour), h => new HourMissed(h.Busy, h.Absent)), readAt, readAt.AddMinutes(2));

    [Fact]
    public void Capacity_is_one_point_per_five_minutes_the_lowest_sampled_with_gaps_where_none_was()
    {
        AvailabilitySample[] samples =
        [
            Sample(DayStart.AddHours(14), freeChat: 6),
            Sample(DayStart.AddHours(14).AddMinutes(1), freeChat: 2, availableChat: 1),
            Sample(DayStart.AddHours(14).AddMinutes(4), freeChat: 4),
            Sample(DayStart.AddHours(14).AddMinutes(10), freeChat: 5),
        ];

        var series = DaySeries.Build(DayStart, Paris, Now, samples, null, null);

        var chat = series[ChannelKind.Chat];
        // 24 hours of 12 points.
        series.Labels.Length.ShouldBe(288);
        chat.FreeSlots[14 * 12].ShouldBe(2);
        chat.Available[14 * 12].ShouldBe(1);
        chat.FreeSlots[(14 * 12) + 1].ShouldBeNull();
        chat.FreeSlots[(14 * 12) + 2].ShouldBe(5);
        series[ChannelKind.Call].FreeSlots[14 * 12].ShouldBe(1);
        series.SampleCount.ShouldBe(4);
        // The axis names every second hour on the day's clock.
        series.Labels[0].ShouldBe("00:00");
        series.Labels[12].ShouldBe(string.Empty);
        series.Labels[14 * 12].ShouldBe("14:00");
    }

    [Fact]
    public void Each_hour_so_far_has_a_row_with_the_lowest_free_slots_and_the_missed_opportunities()
    {
        AvailabilitySample[] samples = [Sample(DayStart.AddHours(14).AddMinutes(5), freeChat: 2), Sample(DayStart.AddHours(14).AddMinutes(40), freeChat: 7)];
        var hourly = Hourly(DayStart, Now, (14, 7, 2), (13, 1, 0));

        var series = DaySeries.Build(DayStart, Paris, Now, samples, hourly, null);

        series.Hours.Length.ShouldBe(15);
        var two = series.Hours[14];
        (two.Hour, two.Label, two.MinFree(ChannelKind.Chat), two.Missed!.Total).ShouldBe((14, "14:00", (int?)2, (double?)9));
        series.Hours[13].MinFree(ChannelKind.Chat).ShouldBeNull();
        series.Hours[13].Missed!.Total.ShouldBe(1);
        series.Hours[12].Missed.ShouldBeNull();
        // Drawn in the middle of its hour, on the capacity's time axis.
        series.MissedBars[(14 * 12) + 6].ShouldBe(9);
        series.MissedBars[(13 * 12) + 6].ShouldBe(1);
        series.MissedBars.Count(b => b is not null).ShouldBe(2);
        series.HourlyStale.ShouldBeFalse();
    }

    [Fact]
    public void The_table_starts_at_the_first_hour_with_a_figure_and_keeps_later_gaps()
    {
        AvailabilitySample[] samples = [Sample(DayStart.AddHours(9), freeChat: 2), Sample(DayStart.AddHours(12), freeChat: 7)];

        var series = DaySeries.Build(DayStart, Paris, Now, samples, null, null);
        var empty = DaySeries.Build(DayStart, Paris, Now, [], null, null);

        series.ShownHours.Select(h => h.Hour).ShouldBe([9, 10, 11, 12, 13, 14]);
        series.ShownHours[1].MinFree(ChannelKind.Chat).ShouldBeNull();
        // Nothing yet today: the hour in progress, empty.
        empty.ShownHours.Select(h => h.Hour).ShouldBe([14]);
    }

    [Fact]
    public void Missed_opportunities_not_read_yet_or_read_too_long_ago_are_marked_stale_never_zero()
    {
        var never = DaySeries.Build(DayStart, Paris, Now, [], null, null);
        var old = DaySeries.Build(DayStart, Paris, Now, [], Hourly(DayStart, Now.AddMinutes(-10), (13, 1, 0)), null);
        var failed = DaySeries.Build(DayStart, Paris, Now, [], Hourly(DayStart, Now.AddMinutes(-1), (13, 1, 0)), "Reading the missed opportunities per hour failed: boom");

        never.HourlyProblem.ShouldBe("Missed opportunities per hour not loaded yet.");
        never.Hours.ShouldAllBe(h => h.Missed == null);
        never.MissedBars.ShouldAllBe(b => b == null);
        old.HourlyProblem.ShouldBe("Missed opportunities per hour not updated since 14:10.");
        // The last figures stay, marked stale: they are what iAdvize last said.
        old.Hours[13].Missed!.Total.ShouldBe(1);
        failed.HourlyProblem.ShouldBe("Missed opportunities per hour not updated since 14:19. Reading the missed opportunities per hour failed: boom");
    }

    [Fact]
    public void Yesterdays_figures_are_not_todays()
    {
        var yesterday = Hourly(DayStart.AddDays(-1), DayStart.AddMinutes(-1), (14, 5, 5));

        var series = DaySeries.Build(DayStart, Paris, Now, [Sample(DayStart.AddMinutes(-3), freeChat: 1)], yesterday, null);

        series.SampleCount.ShouldBe(0);
        series.Hours.ShouldAllBe(h => h.Missed == null && h.MinFree(ChannelKind.Chat) == null);
        series.HourlyProblem.ShouldBe("Missed opportunities per hour not loaded yet.");
    }

    [Fact]
    public void A_day_whose_clock_springs_forward_has_23_hours_named_as_the_clock_reads_them()
    {
        var start = Dashboard.Demand.DemandQuery.StartOfDay(new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero), Paris);

        var series = DaySeries.Build(start, Paris, start.AddHours(23).AddMinutes(-1), [], null, null);

        series.Labels.Length.ShouldBe(23 * 12);
        series.Hours.Length.ShouldBe(23);
        series.Hours.Select(h => h.Hour).ShouldBe([0, 1, .. Enumerable.Range(3, 21)]);
    }
}
