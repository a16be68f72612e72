using System.Collections.Immutable;
using Dashboard.Live;

namespace Dashboard.Tv;

/// <summary>One line of the TV's legend: how many operators are in a state.</summary>
public sealed record LegendEntry(ChannelStatus Status, int Count);

/// <summary>
/// What a wall TV shows of the live picture: which operators, in which order (<see cref="Sorting"/>), and how many in
/// each state. Pure.
/// </summary>
public static class TvBoard
{
    /// <summary>The states of the legend, in the order tiles stand when sorted by state.</summary>
    public static IReadOnlyList<ChannelStatus> LegendOrder => Sorting.StateOrder;

    /// <summary>The operators the settings' filter keeps, in the settings' order; ties by name, then id.</summary>
    public static ImmutableArray<OperatorState> Arrange(IEnumerable<OperatorState> operators, TvSettings settings) =>
        Sorting.Arrange(operators.Where(settings.Filter.Matches), settings.Sort, settings.Channels);

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
            counts[Sorting.Rank(Sorting.StatusOf(op, channels))]++;
        }

        return [.. LegendOrder.Select((status, index) => new LegendEntry(status, counts[index]))];
    }
}
