namespace Dashboard.Live;

/// <summary>
/// The one current picture of every operator, and the feed of what changes in it. Writers (the poller, the commands)
/// hand it new states; it diffs, numbers the change set, and tells every subscriber once per change set.
/// </summary>
public sealed class AvailabilityStore
{
    private readonly Lock _gate = new();
    private readonly List<IAvailabilityObserver> _observers = [];
    private Snapshot _current = Snapshot.Empty;
    private UpstreamHealth _health = UpstreamHealth.Unknown;

    public Snapshot Current => Volatile.Read(ref _current);

    public UpstreamHealth Health => Volatile.Read(ref _health);

    /// <summary>Replaces the whole picture with what the upstream just said; answers the change set, or null if nothing changed.</summary>
    public ChangeSet? PublishSnapshot(IReadOnlyCollection<OperatorState> operators, DateTimeOffset at, TimeSpan? cadence = null)
    {
        ChangeSet? changeSet;
        UpstreamHealth health;
        lock (_gate)
        {
            var changes = SnapshotDiff.Compute(_current, operators);
            var sequence = changes.Count > 0 ? _current.Sequence + 1 : _current.Sequence;
            changeSet = changes.Count > 0 ? new ChangeSet(sequence, at, changes) : null;
            // Applying the changes (rather than taking the new list) keeps unchanged operators as the same instances,
            // which is how rows know they have nothing to render.
            Volatile.Write(ref _current, SnapshotDiff.Apply(_current, changes, sequence, at));
            health = new UpstreamHealth(at, at, 0, null, Cadence: cadence);
            Volatile.Write(ref _health, health);
        }

        Notify(changeSet, health);
        return changeSet;
    }

    /// <summary>Replaces one operator, e.g. after a command was verified against the upstream.</summary>
    public ChangeSet? PublishOperator(OperatorState state, DateTimeOffset at)
    {
        ChangeSet? changeSet = null;
        lock (_gate)
        {
            var previous = _current.Find(state.Id);
            if (previous == state)
            {
                return null;
            }

            var change = previous is null
                ? new OperatorChange(state.Id, ChangeKind.Added, state, ChannelMask.Chat | ChannelMask.Call | ChannelMask.Video)
                : new OperatorChange(state.Id, ChangeKind.Updated, state, state.ChannelsDifferentFrom(previous));
            changeSet = new ChangeSet(_current.Sequence + 1, at, [change]);
            Volatile.Write(ref _current, SnapshotDiff.Apply(_current, changeSet.Changes, changeSet.Sequence, _current.TakenAt));
        }

        Notify(changeSet, null);
        return changeSet;
    }

    /// <summary>Records a failed poll: the last good picture stays, marked by the health it now has.</summary>
    public void ReportFailure(string error, DateTimeOffset at, DateTimeOffset? nextAttemptAt = null, bool keyRejected = false)
    {
        UpstreamHealth health;
        lock (_gate)
        {
            health = _health with
            {
                LastAttemptAt = at,
                ConsecutiveFailures = _health.ConsecutiveFailures + 1,
                LastError = error,
                NextAttemptAt = nextAttemptAt,
                KeyRejected = keyRejected,
            };
            Volatile.Write(ref _health, health);
        }

        Notify(null, health);
    }

    /// <summary>Subscribes; dispose the answer to unsubscribe (a forgotten subscription keeps a whole circuit alive).</summary>
    public IDisposable Subscribe(IAvailabilityObserver observer)
    {
        lock (_gate)
        {
            _observers.Add(observer);
        }

        return new Subscription(this, observer);
    }

    public int ObserverCount
    {
        get
        {
            lock (_gate)
            {
                return _observers.Count;
            }
        }
    }

    private void Notify(ChangeSet? changeSet, UpstreamHealth? health)
    {
        IAvailabilityObserver[] observers;
        lock (_gate)
        {
            observers = [.. _observers];
        }

        foreach (var observer in observers)
        {
            // Observers marshal to their own context (a circuit, the hub) and must not throw into the writer.
            if (changeSet is not null)
            {
                observer.OnChanges(changeSet);
            }

            if (health is not null)
            {
                observer.OnHealth(health);
            }
        }
    }

    private void Unsubscribe(IAvailabilityObserver observer)
    {
        lock (_gate)
        {
            _observers.Remove(observer);
        }
    }

    private sealed class Subscription(AvailabilityStore store, IAvailabilityObserver observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                store.Unsubscribe(observer);
            }
        }
    }
}

/// <summary>Told of every change set and every change of upstream health.</summary>
public interface IAvailabilityObserver
{
    void OnChanges(ChangeSet changeSet);

    void OnHealth(UpstreamHealth health);
}
