namespace Dashboard.ScaleOut;

/// <summary>What a follower does with a message of the polling instance.</summary>
public enum ReplicaStep
{
    /// <summary>Apply it: it is the next one.</summary>
    Apply,

    /// <summary>Drop it: already applied, older than what is shown, or of no use while waiting for a snapshot.</summary>
    Skip,

    /// <summary>Something was missed: show stale and ask for a snapshot (said once, until a snapshot arrives).</summary>
    Behind,
}

/// <summary>
/// Keeps a follower's picture exactly the polling instance's: change sets are applied once each, in their order, only on
/// top of a snapshot of the same term (one instance's time holding the lease); a gap in the numbering, or a change set
/// of a term whose snapshot was not seen, leaves the follower behind until the next snapshot. Pure; not thread-safe
/// (messages of one Redis subscription come one at a time).
/// </summary>
public sealed class ReplicaOrder
{
    private Guid? _term;
    private bool _behind;

    /// <summary>The term of the last snapshot applied; null before the first.</summary>
    public Guid? Term => _term;

    /// <summary>True from a gap until the next snapshot.</summary>
    public bool IsBehind => _behind;

    /// <param name="term">The term the snapshot was sent in.</param>
    /// <param name="sequence">Its number.</param>
    /// <param name="applied">The number of the picture shown now.</param>
    public ReplicaStep OnSnapshot(Guid term, long sequence, long applied)
    {
        if (term == _term && !_behind && sequence < applied)
        {
            return ReplicaStep.Skip;
        }

        _term = term;
        _behind = false;
        return ReplicaStep.Apply;
    }

    public ReplicaStep OnChanges(Guid term, long sequence, long applied)
    {
        if (term != _term || (!_behind && sequence > applied + 1))
        {
            return FallBehind();
        }

        return _behind || sequence <= applied ? ReplicaStep.Skip : ReplicaStep.Apply;
    }

    /// <summary>Health is sent with the number of the picture it goes with: a higher one means change sets were missed.</summary>
    public ReplicaStep OnHealth(Guid term, long sequence, long applied)
    {
        if (term != _term || _behind)
        {
            return ReplicaStep.Skip;
        }

        return sequence > applied ? FallBehind() : ReplicaStep.Apply;
    }

    private ReplicaStep FallBehind()
    {
        if (_behind)
        {
            return ReplicaStep.Skip;
        }

        _behind = true;
        return ReplicaStep.Behind;
    }
}
