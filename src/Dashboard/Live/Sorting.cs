using System.Collections.Immutable;

namespace Dashboard.Live;

/// <summary>
/// In what order operators stand: state (available first), name, time in state (longest first) or free slots (most
/// first). The same on the dashboard's grid and on the wall TV. Wire names: <c>state</c>, <c>name</c>, <c>time</c>,
/// <c>freeslots</c>.
/// </summary>
public enum OperatorSort
{
    State,
    Name,
    Time,
    FreeSlots,
}

/// <summary>
/// An operator's state over the channels shown is the best of them (available, then busy, then unavailable), or offline;
/// operators are ordered by it, by how long it has lasted, or by free slots, ties by name then id. Pure.
/// </summary>
public static class Sorting
{
    /// <summary>The states in the order operators stand when sorted by state.</summary>
    public static readonly IReadOnlyList<ChannelStatus> StateOrder =
        [ChannelStatus.Available, ChannelStatus.Busy, ChannelStatus.Unavailable, ChannelStatus.Offline];

    public static string ToWire(this OperatorSort sort) => sort.ToString().ToLowerInvariant();

    /// <summary>The order as people read it in a menu.</summary>
    public static string ToLabel(this OperatorSort sort) => sort switch
    {
        OperatorSort.State => "State (available first)",
        OperatorSort.Name => "Name",
        OperatorSort.FreeSlots => "Free slots (most first)",
        _ => "Time in state (longest first)",
    };

    /// <summary>The sort a wire name (any case) stands for; null for anything else, numbers included.</summary>
    public static OperatorSort? FromWire(string? wire) =>
        Enum.GetValues<OperatorSort>().Cast<OperatorSort?>().FirstOrDefault(s => string.Equals(s!.Value.ToWire(), wire?.Trim(), StringComparison.OrdinalIgnoreCase));

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

    /// <summary>Where <paramref name="status"/> stands in <see cref="StateOrder"/>.</summary>
    public static int Rank(ChannelStatus status) => status switch
    {
        ChannelStatus.Available => 0,
        ChannelStatus.Busy => 1,
        ChannelStatus.Offline => 3,
        _ => 2,
    };

    /// <summary><paramref name="operators"/> in the order <paramref name="sort"/> asks for, over the channels shown.</summary>
    public static ImmutableArray<OperatorState> Arrange(IEnumerable<OperatorState> operators, OperatorSort sort, IReadOnlyList<ChannelKind> channels)
    {
        IOrderedEnumerable<OperatorState> ordered = sort switch
        {
            OperatorSort.Name => operators.OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase),
            // Longest first; a start the dashboard never saw is older than any it saw.
            OperatorSort.Time => operators.OrderBy(o => SinceOf(o, channels) ?? DateTimeOffset.MinValue),
            OperatorSort.FreeSlots => operators.OrderByDescending(o => channels.Sum(c => o[c].FreeSlots)),
            _ => operators.OrderBy(o => Rank(StatusOf(o, channels))),
        };
        return [.. ordered.ThenBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(o => o.Id)];
    }
}
