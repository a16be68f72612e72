using System.Collections.Immutable;
using Dashboard.Live;
using Iadvize.Client;

namespace Dashboard.Demand;

/// <summary>How today's demand is asked of <c>GET /statistic</c> and read back. Pure.</summary>
public static class DemandQuery
{
    /// <summary>
    /// The start of the day <paramref name="now"/> falls in, in <paramref name="zone"/>. Where midnight does not exist
    /// (a clock that springs forward at 00:00), the day starts at the first minute that does.
    /// </summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        var midnight = TimeZoneInfo.ConvertTime(now, zone).Date;
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(1);
        }

        // An ambiguous midnight (a clock that falls back at 00:00) starts at its first occurrence: the larger offset.
        var offset = zone.IsAmbiguousTime(midnight) ? zone.GetAmbiguousTimeOffsets(midnight).Max() : zone.GetUtcOffset(midnight);
        return new DateTimeOffset(midnight, offset);
    }

    /// <summary>One channel's question: the figures iAdvize measures there, from <paramref name="from"/> to <paramref name="to"/>, as one row.</summary>
    public static StatisticQuery For(ChannelKind channel, DateTimeOffset from, DateTimeOffset to) =>
        new([.. DemandIndicators.All.Where(i => i.IsMeasuredOn(channel)).Select(i => i.ToWire())], channel.ToWire(), From: from, To: to);

    /// <summary>
    /// The channel's figures from the answer's rows. Without a resource or a granularity the answer is one row; an empty
    /// answer gives no figure rather than zeros, since nothing says there were none.
    /// </summary>
    public static ChannelDemand Map(ChannelKind channel, IReadOnlyList<StatisticRow> rows)
    {
        var row = rows.Count > 0 ? rows[0] : null;
        var values = ImmutableArray.CreateBuilder<double?>(DemandIndicators.All.Count);
        foreach (var indicator in DemandIndicators.All)
        {
            values.Add(indicator.IsMeasuredOn(channel) && row is not null ? row.Values.GetValueOrDefault(indicator.ToWire()) : null);
        }

        return new ChannelDemand(channel, values.MoveToImmutable());
    }
}
