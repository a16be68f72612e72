using System.Globalization;

namespace Dashboard.Live;

/// <summary>
/// Time in state as a person reads it from across a room: a duration ("12 min", "1 h 05"), never a clock time. Pure.
/// </summary>
public static class Durations
{
    /// <summary>"&lt; 1 min", "12 min", "1 h 05", "2 d 03 h".</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMinutes(1))
        {
            return "< 1 min";
        }

        if (duration < TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min");
        }

        return duration < TimeSpan.FromDays(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalDays} d {duration.Hours:00} h");
    }

    /// <summary>
    /// A short wait as people read it, to the second: "0 s", "42 s", "3 min 05"; an hour or more as <see cref="Format"/>.
    /// Waiting and response times live in seconds, where "&lt; 1 min" would hide all there is to see.
    /// </summary>
    public static string ToTheSecond(TimeSpan duration)
    {
        // Whole seconds first, so that 59.6 s reads "1 min 00" rather than "60 s".
        duration = TimeSpan.FromSeconds(Math.Round(duration.TotalSeconds, MidpointRounding.AwayFromZero));
        if (duration < TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalSeconds} s");
        }

        return duration < TimeSpan.FromHours(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds:00}")
            : Format(duration);
    }

    /// <summary>
    /// How long a channel has been in its state at <paramref name="now"/>. When the state began before the dashboard first
    /// saw it (<see cref="ChannelState.Since"/> is null), it has lasted at least since <paramref name="watchingSince"/>:
    /// "≥ 12 min". Empty when nothing at all is known yet.
    /// </summary>
    public static string InState(ChannelState state, DateTimeOffset now, DateTimeOffset? watchingSince) => state.Since is { } since
        ? Format(now - since)
        : watchingSince is { } start ? "≥ " + AtLeast(now - start) : "";

    // "≥ < 1 min" would say nothing: a lower bound under a minute reads as "≥ 0 min".
    private static string AtLeast(TimeSpan watched) => watched < TimeSpan.FromMinutes(1) ? "0 min" : Format(watched);
}
