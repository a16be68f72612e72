using Dashboard.Demand;
using Dashboard.Live;
using Iadvize.Client;

namespace Dashboard.Tests.Demand;

public sealed class DemandQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Today_starts_at_midnight_in_the_chosen_zone()
    {
        DemandQuery.StartOfDay(Now, TimeZoneInfo.Utc).ShouldBe(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));

        // Paris is UTC+1 in November: its day began at 23:00 UTC the day before.
        var paris = DemandQuery.StartOfDay(Now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        paris.ShouldBe(new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero));
        paris.Offset.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void Just_after_midnight_somewhere_east_today_is_already_the_next_day()
    {
        // 23:30 UTC is 00:30 in Paris: the Paris day started 30 minutes ago, not yesterday.
        var lateUtc = new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.Zero);

        DemandQuery.StartOfDay(lateUtc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"))
            .ShouldBe(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Where_the_clock_springs_forward_at_midnight_the_day_starts_at_one()
    {
        var zone = SpringsForwardAtMidnight();
        var noon = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(-3));

        var start = DemandQuery.StartOfDay(noon, zone);

        start.ShouldBe(new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.FromHours(-3)));
    }

    [Fact]
    public void Each_channel_asks_only_for_what_iadvize_measures_there()
    {
        var from = Now.AddHours(-14.5);

        var chat = DemandQuery.For(ChannelKind.Chat, from, Now);
        var call = DemandQuery.For(ChannelKind.Call, from, Now);
        var video = DemandQuery.For(ChannelKind.Video, from, Now);

        chat.Indicators.ShouldBe([
            "contact_missed_with_busy_operators_number", "contact_missed_with_no_operators_number", "contact_waiting_number",
            "contact_waiting_abort_number", "contact_waiting_duration", "contact_answered_duration"]);
        video.Indicators.ShouldBe(["contact_waiting_number", "contact_waiting_abort_number", "contact_waiting_duration", "contact_answered_duration"]);
        call.Indicators.ShouldBe(["contact_answered_duration"]);
        (chat.Channel, call.Channel, video.Channel).ShouldBe(("chat", "call", "video"));
        chat.From.ShouldBe(from);
        chat.To.ShouldBe(Now);
        // One row for the whole day: no grouping, no split by hour.
        (chat.Resource, chat.Granularity).ShouldBe((null, null));
    }

    [Fact]
    public void A_row_maps_to_the_channels_figures_and_what_is_not_measured_stays_empty()
    {
        var row = new StatisticRow(new Dictionary<string, double?>
        {
            ["contact_waiting_number"] = 12,
            ["contact_waiting_abort_number"] = 2,
            ["contact_waiting_duration"] = 65.4,
            ["contact_answered_duration"] = null,
            // Not asked on video; an answer that carries it anyway must not show it.
            ["contact_missed_with_busy_operators_number"] = 7,
        }, null, null, null);

        var video = DemandQuery.Map(ChannelKind.Video, [row]);

        video.Channel.ShouldBe(ChannelKind.Video);
        video[DemandIndicator.Waiting].ShouldBe(12);
        video[DemandIndicator.Abandoned].ShouldBe(2);
        video[DemandIndicator.WaitingTime].ShouldBe(65.4);
        video[DemandIndicator.ResponseTime].ShouldBeNull();
        video[DemandIndicator.MissedBusy].ShouldBeNull();
        video[DemandIndicator.MissedAbsent].ShouldBeNull();
    }

    [Fact]
    public void An_empty_answer_gives_no_figures_rather_than_zeros()
    {
        var chat = DemandQuery.Map(ChannelKind.Chat, []);

        chat.Values.ShouldAllBe(value => value == null);
    }

    [Theory]
    [InlineData(DemandIndicator.MissedBusy, 3.0, "3")]
    [InlineData(DemandIndicator.Waiting, 12.5, "13")]
    [InlineData(DemandIndicator.WaitingTime, 65.4, "1 min 05")]
    [InlineData(DemandIndicator.ResponseTime, 42.0, "42 s")]
    public void Counts_read_as_whole_numbers_and_times_as_durations(DemandIndicator indicator, double value, string expected) =>
        indicator.Format(value).ShouldBe(expected);

    // A made-up zone at UTC-3 whose clock goes from 00:00 to 01:00 on the first Sunday of March.
    private static TimeZoneInfo SpringsForwardAtMidnight()
    {
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 0, 0, 0), 3, 1, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 0, 0, 0), 10, 1, DayOfWeek.Sunday));
        return TimeZoneInfo.CreateCustomTimeZone("Test/Midnight", TimeSpan.FromHours(-4), "Midnight", "Midnight", "Midnight DST", [rule]);
    }
}
