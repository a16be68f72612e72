namespace Dashboard.Live;

/// <summary>Computes what changed between two pictures of the operators. Pure: no clock, no I/O.</summary>
public static class SnapshotDiff
{
    /// <summary>
    /// The changes that turn <paramref name="before"/> into <paramref name="after"/>: added, removed and updated operators,
    /// each with the channels that differ. Records compare by value, so an unchanged operator costs one comparison.
    /// </summary>
    public static List<OperatorChange> Compute(Snapshot before, IReadOnlyCollection<OperatorState> after)
    {
        var changes = new List<OperatorChange>();
        var seen = new HashSet<int>();
        foreach (var current in after)
        {
            seen.Add(current.Id);
            var previous = before.Find(current.Id);
            if (previous is null)
            {
                changes.Add(new OperatorChange(current.Id, ChangeKind.Added, current, ChannelMask.Chat | ChannelMask.Call | ChannelMask.Video));
            }
            else if (previous != current)
            {
                changes.Add(new OperatorChange(current.Id, ChangeKind.Updated, current, current.ChannelsDifferentFrom(previous)));
            }
        }

        foreach (var previous in before.Operators)
        {
            if (!seen.Contains(previous.Id))
            {
                changes.Add(new OperatorChange(previous.Id, ChangeKind.Removed, null, ChannelMask.None));
            }
        }

        return changes;
    }

    /// <summary>Applies changes to a snapshot, giving the next one.</summary>
    public static Snapshot Apply(Snapshot before, IReadOnlyList<OperatorChange> changes, long sequence, DateTimeOffset? takenAt)
    {
        var operators = before.Operators.ToDictionary(o => o.Id);
        foreach (var change in changes)
        {
            if (change.Current is null)
            {
                operators.Remove(change.OperatorId);
            }
            else
            {
                operators[change.OperatorId] = change.Current;
            }
        }

        return new Snapshot(sequence, takenAt, operators.Values);
    }
}
