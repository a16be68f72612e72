using System.Collections.Immutable;
using System.Globalization;
using Dashboard.Demand;
using Dashboard.Live;
using Iadvize.Client;

namespace Dashboard.DayCurve;

/// <summary>Contact opportunities missed in one hour on chat: while every agent was busy, and while none was there.</summary>
public sealed record HourMissed(double? Busy, double? Absent)
{
    /// <summary>Both kinds together; null unless iAdvize gave both.</summary>
    public double? Total => Busy is { } busy && Absent is { } absent ? busy + absent : null;
}

/// <summary>Today's missed opportunities per hour, keyed by the hour's start (UTC), as read at <paramref name="ReadAt"/>.</summary>
public sealed record HourlyMissed(DateTimeOffset Since, ImmutableDictionary<DateTimeOffset, HourMissed> Hours, DateTimeOffset ReadAt, DateTimeOffset StaleAfter);

/// <summary>
/// How the missed opportunities per hour are asked of <c>GET /statistic</c> and read back. Pure. iAdvize splits by hour
/// only when one indicator is asked, so each kind is one request; missed opportunities are measured on chat only.
/// </summary>
public static class HourlyQuery
{
    public const ChannelKind Channel = ChannelKind.Chat;

    public static readonly IReadOnlyList<DemandIndicator> Indicators = [DemandIndicator.MissedBusy, DemandIndicator.MissedAbsent];

    public static StatisticQuery For(DemandIndicator indicator, DateTimeOffset from, DateTimeOffset to) =>
        new([indicator.ToWire()], Channel.ToWire(), From: from, To: to, Granularity: "hour");

    /// <summary>
    /// The value of <paramref name="indicator"/> per hour, keyed by the hour's start. The <c>date</c> of a row is read as
    /// UTC, like the period we send: rows without a readable date are left out rather than guessed.
    /// </summary>
    public static Dictionary<DateTimeOffset, double?> Map(DemandIndicator indicator, IReadOnlyList<StatisticRow> rows)
    {
        var hours = new Dictionary<DateTimeOffset, double?>();
        foreach (var row in rows)
        {
            if (DateTime.TryParseExact(row.Date, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var hour))
            {
                hours[new DateTimeOffset(hour, TimeSpan.Zero)] = row.Values.GetValueOrDefault(indicator.ToWire());
            }
        }

        return hours;
    }

    /// <summary>The two kinds side by side; an hour one answer lacks has no figure of that kind.</summary>
    public static ImmutableDictionary<DateTimeOffset, HourMissed> Combine(Dictionary<DateTimeOffset, double?> busy, Dictionary<DateTimeOffset, double?> absent) =>
        busy.Keys.Union(absent.Keys).ToImmutableDictionary(
            hour => hour,
            hour => new HourMissed(busy.GetValueOrDefault(hour), absent.GetValueOrDefault(hour)));
}
