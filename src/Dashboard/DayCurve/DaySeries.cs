using System.Collections.Immutable;
using System.Globalization;
using Dashboard.Live;

namespace Dashboard.DayCurve;

/// <summary>One channel's capacity over the day, one point per bucket; null where no sample was taken (a gap).</summary>
public sealed record ChannelCurve(ChannelKind Channel, ImmutableArray<double?> Available, ImmutableArray<double?> FreeSlots);

/// <summary>One hour of the day as the table shows it: the lowest free slots per channel, and the missed opportunities.</summary>
/// <param name="Index">Hours since the day's start (a day with a clock change has 23 or 25).</param>
/// <param name="Hour">The hour on the day's clock (0 to 23).</param>
/// <param name="Label">The hour as people read it ("14:00").</param>
/// <param name="MinFreeSlots">Per channel (<see cref="ChannelKind"/> order), the lowest free slots sampled; null when no sample.</param>
/// <param name="Missed">The missed opportunities on chat; null when iAdvize gave none for the hour.</param>
public sealed record HourRow(int Index, int Hour, string Label, ImmutableArray<int?> MinFreeSlots, HourMissed? Missed)
{
    public int? MinFree(ChannelKind channel) => MinFreeSlots[(int)channel];
}

/// <summary>
/// Today's curve, ready to draw: computed once per change and shared by every open page (each keeps a reference only).
/// Capacity is downsampled to one point per <see cref="DaySeries.Bucket"/>, the lowest of the samples in it, so that a
/// short shortage is not averaged away; missed opportunities per hour are drawn as a bar in the middle of their hour.
/// </summary>
public sealed record DaySeries(
    DateTimeOffset DayStart,
    string ZoneName,
    ImmutableArray<string> Labels,
    ImmutableArray<ChannelCurve> Channels,
    ImmutableArray<double?> MissedBars,
    ImmutableArray<HourRow> Hours,
    int SampleCount,
    string? HourlyProblem)
{
    public static readonly TimeSpan Bucket = TimeSpan.FromMinutes(5);

    private static readonly int BucketsPerHour = (int)(TimeSpan.FromHours(1) / Bucket);

    /// <summary>Whether the missed opportunities per hour are not current (then <see cref="HourlyProblem"/> says why).</summary>
    public bool HourlyStale => HourlyProblem is not null;

    public ChannelCurve this[ChannelKind channel] => Channels[(int)channel];

    /// <summary>
    /// The hours the table shows: from the first with a figure (a sample or missed opportunities) to now, so that a night
    /// with nobody at work is not a screen of dashes; an hour without a figure after that stays, as a gap. At least the
    /// hour now in progress.
    /// </summary>
    public ImmutableArray<HourRow> ShownHours { get; } = ShowFrom(Hours);

    private static ImmutableArray<HourRow> ShowFrom(ImmutableArray<HourRow> hours)
    {
        for (var i = 0; i < hours.Length; i++)
        {
            if (hours[i].Missed is not null || hours[i].MinFreeSlots.Any(f => f is not null))
            {
                return hours[i..];
            }
        }

        return hours.IsEmpty ? hours : [hours[^1]];
    }

    /// <summary>
    /// The curve of the day starting at <paramref name="dayStart"/> (in <paramref name="zone"/>) from its
    /// <paramref name="samples"/> and the last missed opportunities per hour read (null: none yet).
    /// </summary>
    public static DaySeries Build(
        DateTimeOffset dayStart, TimeZoneInfo zone, DateTimeOffset now, IReadOnlyList<AvailabilitySample> samples, HourlyMissed? hourly, string? hourlyProblem)
    {
        // A day is 23 to 25 hours long: 36 hours on is always the next day.
        var dayEnd = Demand.DemandQuery.StartOfDay(dayStart + TimeSpan.FromHours(36), zone);
        var bucketCount = (int)Math.Ceiling((dayEnd - dayStart) / Bucket);
        var hourCount = (int)Math.Ceiling((dayEnd - dayStart) / TimeSpan.FromHours(1));

        var labels = ImmutableArray.CreateBuilder<string>(bucketCount);
        for (var i = 0; i < bucketCount; i++)
        {
            var local = TimeZoneInfo.ConvertTime(dayStart + (i * Bucket), zone);
            // Every second hour: 12 labels across the day stay readable at 1366 px.
            labels.Add(local.Minute == 0 && local.Hour % 2 == 0 ? local.ToString("HH:mm", CultureInfo.InvariantCulture) : string.Empty);
        }

        var available = new double?[ChannelKinds.All.Count][];
        var free = new double?[ChannelKinds.All.Count][];
        var hourMin = new int?[ChannelKinds.All.Count][];
        foreach (var channel in ChannelKinds.All)
        {
            available[(int)channel] = new double?[bucketCount];
            free[(int)channel] = new double?[bucketCount];
            hourMin[(int)channel] = new int?[hourCount];
        }

        var taken = 0;
        foreach (var sample in samples)
        {
            var bucket = (int)Math.Floor((sample.At - dayStart) / Bucket);
            if (bucket < 0 || bucket >= bucketCount)
            {
                continue;
            }

            taken++;
            var hour = bucket / BucketsPerHour;
            foreach (var channel in ChannelKinds.All)
            {
                var c = (int)channel;
                available[c][bucket] = Math.Min(available[c][bucket] ?? int.MaxValue, sample.Available(channel));
                free[c][bucket] = Math.Min(free[c][bucket] ?? int.MaxValue, sample.FreeSlots(channel));
                hourMin[c][hour] = Math.Min(hourMin[c][hour] ?? int.MaxValue, sample.FreeSlots(channel));
            }
        }

        // Only what belongs to this day: yesterday's figures are not today's, whatever their hours.
        var missed = hourly is not null && hourly.Since == dayStart ? hourly.Hours : ImmutableDictionary<DateTimeOffset, HourMissed>.Empty;
        var bars = new double?[bucketCount];
        var rows = ImmutableArray.CreateBuilder<HourRow>();
        var lastHour = Math.Min(hourCount - 1, (int)Math.Floor((now - dayStart) / TimeSpan.FromHours(1)));
        for (var h = 0; h <= lastHour; h++)
        {
            var start = dayStart + TimeSpan.FromHours(h);
            var inHour = missed.GetValueOrDefault(start);
            if ((inHour?.Total ?? inHour?.Busy ?? inHour?.Absent) is { } total)
            {
                bars[Math.Min(bucketCount - 1, (h * BucketsPerHour) + (BucketsPerHour / 2))] = total;
            }

            var local = TimeZoneInfo.ConvertTime(start, zone);
            rows.Add(new HourRow(h, local.Hour, local.ToString("HH:00", CultureInfo.InvariantCulture),
                [.. ChannelKinds.All.Select(c => hourMin[(int)c][h])], inHour));
        }

        var problem = Describe(hourly is not null && hourly.Since == dayStart ? hourly : null, hourlyProblem, now, zone);

        return new DaySeries(
            dayStart,
            zone.Id,
            labels.MoveToImmutable(),
            [.. ChannelKinds.All.Select(c => new ChannelCurve(c, [.. available[(int)c]], [.. free[(int)c]]))],
            [.. bars],
            rows.ToImmutable(),
            taken,
            problem);
    }

    /// <summary>Why the missed opportunities per hour are not current; null when they are.</summary>
    private static string? Describe(HourlyMissed? today, string? problem, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (today is null)
        {
            return problem is null ? "Missed opportunities per hour not loaded yet." : $"Missed opportunities per hour not loaded yet. {problem}";
        }

        if (problem is null && now <= today.StaleAfter)
        {
            return null;
        }

        var since = TimeZoneInfo.ConvertTime(today.ReadAt, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
        return problem is null ? $"Missed opportunities per hour not updated since {since}." : $"Missed opportunities per hour not updated since {since}. {problem}";
    }
}
