using System.Buffers;
using System.Runtime.InteropServices;

namespace Dashboard.Live;

/// <summary>
/// Computes what changed between two pictures of the operators. Pure: no clock, no I/O.
/// </summary>
/// <remarks>
/// Runs every poll cycle over every operator, so the cost is kept to what cannot be avoided. <see cref="Compute"/> has
/// to look at each of the N new states once (one index lookup, one value comparison) but allocates only for the
/// changes. <see cref="Apply"/> copies the N references of <see cref="Snapshot.Operators"/> when anything changed
/// (an <see cref="System.Collections.Immutable.ImmutableArray{T}"/> cannot share its storage) and otherwise does work in
/// proportion to the changes: it re-sorts and re-indexes only when operators are added, removed or renamed.
/// </remarks>
public static class SnapshotDiff
{
    private const ChannelMask AllChannels = ChannelMask.Chat | ChannelMask.Call | ChannelMask.Video;

    /// <summary>
    /// The changes that turn <paramref name="before"/> into <paramref name="after"/>: added, removed and updated operators,
    /// each with the channels that differ. Records compare by value, so an unchanged operator costs one comparison.
    /// </summary>
    public static List<OperatorChange> Compute(Snapshot before, IReadOnlyCollection<OperatorState> after)
    {
        var changes = new List<OperatorChange>();
        var previous = before.Operators.AsSpan();
        // One bit per operator of before, to find the removed ones without a set of N ids; pooled, so steady cycles
        // allocate nothing for it.
        var words = (previous.Length + 63) / 64;
        var rented = words > 0 ? ArrayPool<ulong>.Shared.Rent(words) : [];
        try
        {
            var seen = rented.AsSpan(0, words);
            seen.Clear();
            var matched = 0;
            foreach (var current in AsSpan(after))
            {
                if (!before.TryGetIndex(current.Id, out var index))
                {
                    changes.Add(new OperatorChange(current.Id, ChangeKind.Added, current, AllChannels));
                    continue;
                }

                ref var word = ref seen[index / 64];
                var bit = 1UL << (index % 64);
                if ((word & bit) == 0)
                {
                    word |= bit;
                    matched++;
                }

                var old = previous[index];
                if (old != current)
                {
                    changes.Add(new OperatorChange(current.Id, ChangeKind.Updated, current, current.ChannelsDifferentFrom(old)));
                }
            }

            if (matched < previous.Length)
            {
                for (var index = 0; index < previous.Length; index++)
                {
                    if ((seen[index / 64] & (1UL << (index % 64))) == 0)
                    {
                        changes.Add(new OperatorChange(previous[index].Id, ChangeKind.Removed, null, ChannelMask.None));
                    }
                }
            }
        }
        finally
        {
            if (words > 0)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }

        return changes;
    }

    /// <summary>
    /// Applies changes to a snapshot, giving the next one. Operators the changes do not name stay the same instances, which
    /// is how rows know they have nothing to render. When one operator is changed twice, the later change wins.
    /// </summary>
    public static Snapshot Apply(Snapshot before, IReadOnlyList<OperatorChange> changes, long sequence, DateTimeOffset? takenAt)
    {
        if (changes.Count == 0)
        {
            return before.Renumbered(sequence, takenAt);
        }

        var operators = before.Operators.AsSpan().ToArray();
        // Operators whose place in the order may move (added, removed, renamed): their final state, null when gone.
        Dictionary<int, OperatorState?>? moving = null;
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var next = change.Current;
            if (moving is not null && moving.ContainsKey(change.OperatorId))
            {
                moving[change.OperatorId] = next;
            }
            else if (before.TryGetIndex(change.OperatorId, out var index) && next is not null && string.Equals(next.Name, operators[index].Name, StringComparison.Ordinal))
            {
                // The order depends on the name and the id only: same name, same place.
                operators[index] = next;
            }
            else if (next is not null || before.Contains(change.OperatorId))
            {
                moving ??= [];
                moving[change.OperatorId] = next;
            }
        }

        return moving is null
            ? before.WithSamePlaces(operators, sequence, takenAt)
            : Snapshot.FromSorted(Reorder(operators, moving), sequence, takenAt);
    }

    // Takes the moving operators out, then puts the remaining ones back by binary search: k log N name comparisons
    // instead of the N log N of sorting everything again.
    private static OperatorState[] Reorder(OperatorState[] operators, Dictionary<int, OperatorState?> moving)
    {
        var kept = new List<OperatorState>(operators.Length);
        foreach (var op in operators)
        {
            if (!moving.ContainsKey(op.Id))
            {
                kept.Add(op);
            }
        }

        var order = OperatorOrder.Instance;
        var inserted = new List<OperatorState>(moving.Count);
        foreach (var state in moving.Values)
        {
            if (state is not null)
            {
                inserted.Add(state);
            }
        }

        inserted.Sort(order);
        var result = new OperatorState[kept.Count + inserted.Count];
        var keptSpan = CollectionsMarshal.AsSpan(kept);
        int from = 0, to = 0;
        foreach (var state in inserted)
        {
            var found = keptSpan[from..].BinarySearch(state, order);
            var place = from + (found >= 0 ? found : ~found);
            keptSpan[from..place].CopyTo(result.AsSpan(to));
            to += place - from;
            result[to++] = state;
            from = place;
        }

        keptSpan[from..].CopyTo(result.AsSpan(to));
        return result;
    }

    // Lists and arrays (what the poller and the tests hand over) are walked without an enumerator; other collections are
    // copied once.
    private static ReadOnlySpan<OperatorState> AsSpan(IReadOnlyCollection<OperatorState> operators) => operators switch
    {
        List<OperatorState> list => CollectionsMarshal.AsSpan(list),
        OperatorState[] array => array,
        _ => operators.ToArray(),
    };
}
