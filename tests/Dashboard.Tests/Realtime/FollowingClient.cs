using Dashboard.Live;
using Dashboard.Realtime;

namespace Dashboard.Tests.Realtime;

/// <summary>
/// A hub client that follows the push protocol as CONTRACT.md describes it for non-Blazor clients: start from the join
/// snapshot, apply change sets in sequence, ignore old ones, and on a gap ask the hub for what was missed.
/// </summary>
internal sealed class FollowingClient
{
    private readonly Dictionary<int, OperatorState> _operators = [];

    public long Sequence { get; private set; } = -1;

    public int Resyncs { get; private set; }

    public IReadOnlyDictionary<int, OperatorState> Operators => _operators;

    public void Start(SnapshotMessage snapshot)
    {
        _operators.Clear();
        foreach (var op in snapshot.Operators)
        {
            _operators[op.Id] = op;
        }

        Sequence = snapshot.Sequence;
    }

    /// <summary>Applies a change set; answers false when there is a gap and the client must resync.</summary>
    public bool TryApply(ChangeSet changeSet)
    {
        if (changeSet.Sequence <= Sequence)
        {
            return true;
        }

        if (changeSet.Sequence != Sequence + 1)
        {
            return false;
        }

        foreach (var change in changeSet.Changes)
        {
            if (change.Current is null)
            {
                _operators.Remove(change.OperatorId);
            }
            else
            {
                _operators[change.OperatorId] = change.Current;
            }
        }

        Sequence = changeSet.Sequence;
        return true;
    }

    public void Apply(ResyncMessage resync)
    {
        Resyncs++;
        if (resync.Snapshot is { } snapshot)
        {
            Start(snapshot);
            return;
        }

        foreach (var changeSet in resync.Changes!)
        {
            TryApply(changeSet).ShouldBeTrue("a resync answer has no gap");
        }
    }
}
