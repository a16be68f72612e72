using System.Collections.Immutable;
using Dashboard.Live;

namespace Dashboard.Tv;

/// <summary>One line of the TV's legend: how many operators are in a state.</summary>
public sealed record LegendEntry(ChannelStatus Status, int Count);

/// <summary>
/// What a wall TV shows of the live picture: which operators, in which order, and how many in each state. An
/// operator's state on the TV is the best of its shown channels (available, then busy, then unavailable), or offline.
/// Pure.
/// </summary>
public static class TvBoard
{
    /// <summary>The states of the legend, in the order tiles stand when sorted by state.</summary>
    public static readonly IReadOnlyList<ChannelStatus> LegendOrder =
        [ChannelStatus.Available, ChannelStatus.Busy, ChannelStatus.Unavailable, ChannelStatus.Offline];

    /// <summary>The operator's state over <paramref name="channels"/>; connected with none of them enabled counts as unavailable.</summary>
    public static ChannelStatus StatusOf(OperatorState op, IReadOnlyList<ChannelKind> channels)
    {
        if (!op.Connected)
        {
            return ChannelStatus.Offline;
        }

        var best = ChannelStatus.Unavailable;
        foreach (var channel in channels)
        {
            var status = op[channel].Status;
            if (status == ChannelStatus.Available)
            {
                return status;
            }

            if (status == ChannelStatus.Busy)
            {
                best = status;
            }
        }

        return best;
    }

    /// <summary>
    /// Since when the operator has been in <see cref="StatusOf"/>: the earliest start among the channels in that state.
    /// Null when one of them started before the dashboard saw it (it has then lasted longest of all).
    /// </summary>
    public static DateTimeOffset? SinceOf(OperatorState op, IReadOnlyList<ChannelKind> channels)
    {
        var status = StatusOf(op, channels);
        DateTimeOffset? earliest = null;
        foreach (var channel in channels)
        {
            var state = op[channel];
            if (state.Status != status && !(status == ChannelStatus.Unavailable && state.Status == ChannelStatus.Disabled))
            {
                continue;
            }

            if (state.Since is not { } since)
            {
                return null;
            }

            earliest = earliest is { } e && e <= since ? e : since;
        }

        return earliest;
    }

    /// <summary>The operators the settings' filter keeps, in the settings' order; ties by name, then id.</summary>
    public static ImmutableArray<OperatorState> Arrange(IEnumerable<OperatorState> operators, TvSettings settings)
    {
        var channels = settings.Channels;
        var kept = operators.Where(settings.Filter.Matches);
        IOrderedEnumerable<OperatorState> ordered = settings.Sort switch
        {
            TvSort.Name => kept.OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase),
            // Longest first; a start the dashboard never saw is older than any it saw.
            TvSort.Time => kept.OrderBy(o => SinceOf(o, channels) ?? DateTimeOffset.MinValue),
            _ => kept.OrderBy(o => Rank(StatusOf(o, channels))),
        };
        return [.. ordered.ThenBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(o => o.Id)];
    }

    /// <summary>
    /// The channel lines a tile needs: the most channels any connected operator has enabled among those shown (an
    /// offline tile needs one). A chat-only room gets one-line tiles, and so more of them on a screen.
    /// </summary>
    public static int ChannelLines(IEnumerable<OperatorState> operators, IReadOnlyList<ChannelKind> channels)
    {
        var lines = 1;
        foreach (var op in operators)
        {
            if (op.Connected)
            {
                lines = Math.Max(lines, channels.Count(channel => op[channel].Enabled));
            }
        }

        return lines;
    }

    /// <summary>How many of <paramref name="operators"/> are in each state of <see cref="LegendOrder"/>.</summary>
    public static IReadOnlyList<LegendEntry> Legend(IEnumerable<OperatorState> operators, IReadOnlyList<ChannelKind> channels)
    {
        var counts = new int[LegendOrder.Count];
        foreach (var op in operators)
        {
            counts[Rank(StatusOf(op, channels))]++;
        }

        return [.. LegendOrder.Select((status, index) => new LegendEntry(status, counts[index]))];
    }

    private static int Rank(ChannelStatus status) => status switch
    {
        ChannelStatus.Available => 0,
        ChannelStatus.Busy => 1,
        ChannelStatus.Offline => 3,
        _ => 2,
    };
}
