using Dashboard.Live;

namespace Dashboard.Tests.Live;

public sealed class DurationsTests
{
    [Theory]
    [InlineData(0, "< 1 min")]
    [InlineData(59, "< 1 min")]
    [InlineData(60, "1 min")]
    [InlineData(12 * 60 + 59, "12 min")]
    [InlineData(65 * 60, "1 h 05")]
    [InlineData(23 * 3600 + 59 * 60, "23 h 59")]
    [InlineData(2 * 86400 + 3 * 3600 + 20 * 60, "2 d 03 h")]
    public void A_duration_reads_as_minutes_hours_or_days(int seconds, string expected) =>
        Durations.Format(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);

    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(42.4, "42 s")]
    [InlineData(59.6, "1 min 00")]
    [InlineData(65, "1 min 05")]
    [InlineData(59 * 60 + 59, "59 min 59")]
    [InlineData(3600 + 5 * 60, "1 h 05")]
    public void A_wait_reads_to_the_second_under_an_hour(double seconds, string expected) =>
        Durations.ToTheSecond(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_state_seen_beginning_shows_how_long_it_has_lasted() =>
        Durations.InState(State(since: Now.AddMinutes(-12)), Now, watchingSince: Now.AddHours(-3)).ShouldBe("12 min");

    [Fact]
    public void A_state_older_than_the_watch_shows_at_least_the_watch() =>
        Durations.InState(State(since: null), Now, watchingSince: Now.AddMinutes(-12)).ShouldBe("≥ 12 min");

    [Fact]
    public void A_watch_under_a_minute_is_a_bound_of_zero_not_less_than_a_minute() =>
        Durations.InState(State(since: null), Now, watchingSince: Now.AddSeconds(-20)).ShouldBe("≥ 0 min");

    [Fact]
    public void Nothing_is_claimed_before_anything_was_watched() =>
        Durations.InState(State(since: null), Now, watchingSince: null).ShouldBe("");

    private static ChannelState State(DateTimeOffset? since) =>
        ChannelState.From(true, true, true, false, 0, 2) with { Since = since };
}
