namespace Dashboard.Live;

/// <summary>
/// The writes of a store that mirrors another instance's (scaled out, <see cref="ScaleOut"/>): it takes the polling
/// instance's change sets and snapshots as they are, numbers included, so that every instance numbers alike and a hub
/// client may resync on any of them. The caller keeps them in order (<see cref="ScaleOut.ReplicaOrder"/>).
/// </summary>
public sealed partial class AvailabilityStore
{
    private IOperatorWriteForwarder? _forwarder;

    /// <summary>
    /// Scaled out, a follower's picture changes only by what the polling instance sends, or its numbering would part from
    /// the others': an operator published alone here (a verified change, a webhook's read) is handed to
    /// <paramref name="forwarder"/>, which sends it to the polling instance while this one is not it.
    /// </summary>
    public void ForwardOperatorWrites(IOperatorWriteForwarder forwarder) => Volatile.Write(ref _forwarder, forwarder);

    /// <summary>Applies the polling instance's next change set; its operators already carry their time in state.</summary>
    /// <exception cref="InvalidOperationException">The change set does not follow the current one.</exception>
    public void ApplyReplicated(ChangeSet changeSet, DateTimeOffset? takenAt)
    {
        lock (_publishGate)
        {
            var before = _current;
            if (changeSet.Sequence != before.Sequence + 1)
            {
                throw new InvalidOperationException($"Change set {changeSet.Sequence} does not follow {before.Sequence}.");
            }

            WatchingSince ??= changeSet.At;
            var next = SnapshotDiff.Apply(before, changeSet.Changes, changeSet.Sequence, takenAt ?? before.TakenAt);
            lock (_gate)
            {
                Commit(next, changeSet);
            }

            Notify(changeSet, null);
        }
    }

    /// <summary>
    /// Replaces the picture with the polling instance's full snapshot, under its number: listeners hear what differs as
    /// one change set of that number (those that see a jump ask for a snapshot), and the health it was sent with.
    /// </summary>
    public void ReplaceReplicated(long sequence, DateTimeOffset? takenAt, IReadOnlyCollection<OperatorState> operators, UpstreamHealth health, DateTimeOffset? watchingSince)
    {
        lock (_publishGate)
        {
            var before = _current;
            WatchingSince ??= watchingSince ?? takenAt;
            var changes = SnapshotDiff.Compute(before, operators);
            var changeSet = changes.Count > 0 ? new ChangeSet(sequence, takenAt ?? health.LastAttemptAt ?? DateTimeOffset.MinValue, changes) : null;
            var next = SnapshotDiff.Apply(before, changes, sequence, takenAt);
            lock (_gate)
            {
                Commit(next, changeSet);
                Volatile.Write(ref _health, health);
            }

            Notify(changeSet, health);
        }
    }

    /// <summary>The polling instance's upstream health; a poll that changed nothing still moves the picture's time.</summary>
    public void ReportReplicatedHealth(UpstreamHealth health, long sequence, DateTimeOffset? takenAt)
    {
        lock (_publishGate)
        {
            var before = _current;
            lock (_gate)
            {
                if (sequence == before.Sequence && takenAt != before.TakenAt)
                {
                    Commit(before.Renumbered(sequence, takenAt), null);
                }

                Volatile.Write(ref _health, health);
            }

            Notify(null, health);
        }
    }

    /// <summary>Shows this instance stale, saying <paramref name="reason"/>, until the next replicated snapshot.</summary>
    public void MarkBehind(string reason)
    {
        lock (_publishGate)
        {
            var health = _health with { Behind = true, LastError = reason };
            Volatile.Write(ref _health, health);
            Notify(null, health);
        }
    }

    /// <summary>
    /// Numbers the picture at least <paramref name="sequence"/>, unchanged: an instance that starts polling continues the
    /// numbering the previous one reached, so that no listener sees a number twice.
    /// </summary>
    public void AdvanceSequence(long sequence)
    {
        lock (_publishGate)
        {
            var before = _current;
            if (sequence <= before.Sequence)
            {
                return;
            }

            lock (_gate)
            {
                Commit(before.Renumbered(sequence, before.TakenAt), null);
            }
        }
    }
}

/// <summary>Takes an operator published alone on a follower to the polling instance (see <see cref="AvailabilityStore.ForwardOperatorWrites"/>).</summary>
public interface IOperatorWriteForwarder
{
    /// <summary>Answers false when this instance is the polling one: the store then applies the state itself.</summary>
    bool TryForward(OperatorState state, DateTimeOffset at, bool verified);
}
