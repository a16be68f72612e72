namespace Dashboard.Live;

/// <summary>
/// The one current picture of every operator, and the feed of what changes in it. Writers (the poller, the commands)
/// hand it new states; it diffs, numbers the change set, keeps the last <see cref="ChangeSetsKept"/> of them, and tells
/// every subscriber once per change set, in sequence order.
/// </summary>
/// <remarks>
/// To follow the feed without missing a change set, subscribe with <see cref="Subscribe(IAvailabilityObserver, out Snapshot)"/>
/// and start from the snapshot it gives: every change set after it is delivered. One already in that snapshot may be
/// delivered too (it was being announced while the subscription was made), so drop change sets whose sequence is not
/// above the snapshot's. Reading <see cref="Current"/> and then subscribing leaves a window in which a change set is lost.
/// A listener that fell behind (a reconnecting client) asks <see cref="ChangesSince"/> and resyncs from a fresh
/// snapshot when it answers null.
/// </remarks>
public sealed partial class AvailabilityStore
{
    /// <summary>How many recent change sets <see cref="ChangesSince"/> can answer from.</summary>
    public const int ChangeSetsKept = 256;

    /// <summary>
    /// How many operator changes the kept change sets may hold in all: the count alone would let a few mass changes
    /// (everyone logging off at 50,000 operators) pin gigabytes, and a client that missed that much is better served by
    /// a snapshot anyway.
    /// </summary>
    public const int OperatorChangesKept = 100_000;

    // Writers take _publishGate for the whole publish, notification included, so observers hear change sets in
    // sequence order even when the poller and a command publish at once. _gate guards only the short swaps that
    // readers (subscribers, ChangesSince) must see together, so they never wait for a diff or for observers.
    private readonly Lock _publishGate = new();
    private readonly Lock _gate = new();
    private readonly ChangeSet?[] _history = new ChangeSet?[ChangeSetsKept];
    private int _historyCount;
    private int _operatorChangesInHistory;
    private readonly Listeners<IAvailabilityObserver> _observers = new();
    private Snapshot _current = Snapshot.Empty;
    private UpstreamHealth _health = UpstreamHealth.Unknown;
    // Starts a previous run saw, for the first snapshot to keep where the status is still the same; dropped after it.
    private IReadOnlyDictionary<(int, ChannelKind), PersistedStart>? _persisted;
    // Operators published one by one (a verified command, a webhook read), with when: a poll whose reads began before
    // that is older news about them and must not undo it.
    private readonly Dictionary<int, DateTimeOffset> _publishedAlone = [];

    public AvailabilityStore()
    {
    }

    /// <summary>A store that resumes the time in state of a previous run (see <see cref="TimeInStateFile"/>).</summary>
    public AvailabilityStore(IEnumerable<PersistedStart> persisted)
    {
        var starts = new Dictionary<(int, ChannelKind), PersistedStart>();
        foreach (var start in persisted)
        {
            starts[(start.OperatorId, start.Channel)] = start;
        }

        _persisted = starts.Count > 0 ? starts : null;
    }

    public Snapshot Current => Volatile.Read(ref _current);

    public UpstreamHealth Health => Volatile.Read(ref _health);

    /// <summary>
    /// When this run first had a picture: a state with no known start (<see cref="ChannelState.Since"/> null) has lasted
    /// at least since then, which is how screens say "≥ 12 min" rather than nothing. Null before the first poll.
    /// </summary>
    public DateTimeOffset? WatchingSince { get; private set; }

    /// <summary>Replaces the whole picture with what the upstream just said; answers the change set, or null if nothing changed.</summary>
    /// <param name="operators">Every operator, as the poll read them.</param>
    /// <param name="at">When the poll completed.</param>
    /// <param name="cadence">How often polls really happen, when the request budget makes them rarer than the live interval.</param>
    /// <param name="readStartedAt">When the poll began reading: operators published alone after that keep their newer state.</param>
    public ChangeSet? PublishSnapshot(IReadOnlyCollection<OperatorState> operators, DateTimeOffset at, TimeSpan? cadence = null, DateTimeOffset? readStartedAt = null)
    {
        lock (_publishGate)
        {
            var before = _current;
            WatchingSince ??= at;
            operators = KeepNewerAlonePublishes(before, operators, readStartedAt ?? at);
            var changes = SnapshotDiff.Compute(before, operators);
            StampTimeInState(before, changes, at);
            // Only the first picture after a start can tell which persisted statuses held while the app was down.
            _persisted = null;
            var sequence = changes.Count > 0 ? before.Sequence + 1 : before.Sequence;
            var changeSet = changes.Count > 0 ? new ChangeSet(sequence, at, changes) : null;
            // Applying the changes (rather than taking the new list) keeps unchanged operators as the same instances,
            // which is how rows know they have nothing to render.
            var next = SnapshotDiff.Apply(before, changes, sequence, at);
            var health = new UpstreamHealth(at, at, 0, null, Cadence: cadence);
            lock (_gate)
            {
                Commit(next, changeSet);
                Volatile.Write(ref _health, health);
            }

            Notify(changeSet, health);
            return changeSet;
        }
    }

    /// <summary>Replaces one operator with what the upstream said of it alone (e.g. a read a webhook asked for).</summary>
    public ChangeSet? PublishOperator(OperatorState state, DateTimeOffset at) => Publish(state, at, switchesAsTold: false);

    /// <summary>
    /// Replaces one operator after a person's change was verified against the upstream: the switches
    /// (<see cref="ChannelState.SwitchedOff"/>) are taken as the change left them rather than kept from before.
    /// </summary>
    public ChangeSet? PublishVerified(OperatorState state, DateTimeOffset at) => Publish(state, at, switchesAsTold: true);

    private ChangeSet? Publish(OperatorState state, DateTimeOffset at, bool switchesAsTold)
    {
        if (Volatile.Read(ref _forwarder)?.TryForward(state, at, switchesAsTold) == true)
        {
            return null;
        }

        lock (_publishGate)
        {
            var before = _current;
            var previous = before.Find(state.Id);
            if (previous == state && !(switchesAsTold && state.SwitchesDifferentFrom(previous) != ChannelMask.None))
            {
                return null;
            }

            state = TimeInState.Stamp(state, previous, at, _persisted, switchesAsTold);
            _publishedAlone[state.Id] = at;

            var change = previous is null
                ? new OperatorChange(state.Id, ChangeKind.Added, state, ChannelMask.Chat | ChannelMask.Call | ChannelMask.Video)
                : new OperatorChange(state.Id, ChangeKind.Updated, state, state.ChannelsDifferentFrom(previous) | state.SwitchesDifferentFrom(previous));
            var changeSet = new ChangeSet(before.Sequence + 1, at, [change]);
            var next = SnapshotDiff.Apply(before, changeSet.Changes, changeSet.Sequence, before.TakenAt);
            lock (_gate)
            {
                Commit(next, changeSet);
            }

            Notify(changeSet, null);
            return changeSet;
        }
    }

    private IReadOnlyCollection<OperatorState> KeepNewerAlonePublishes(Snapshot before, IReadOnlyCollection<OperatorState> operators, DateTimeOffset readStartedAt)
    {
        if (_publishedAlone.Count == 0)
        {
            return operators;
        }

        List<int>? newer = null;
        foreach (var (id, publishedAt) in _publishedAlone)
        {
            if (publishedAt >= readStartedAt)
            {
                (newer ??= []).Add(id);
            }
        }

        // Those published before this read began are now covered by it; the newer ones wait for a later poll.
        foreach (var id in _publishedAlone.Where(entry => entry.Value < readStartedAt).Select(entry => entry.Key).ToList())
        {
            _publishedAlone.Remove(id);
        }

        if (newer is null)
        {
            return operators;
        }

        var keep = new HashSet<int>(newer);
        var merged = new List<OperatorState>(operators.Count);
        foreach (var op in operators)
        {
            merged.Add(keep.Contains(op.Id) && before.Find(op.Id) is { } current ? current : op);
        }

        return merged;
    }

    /// <summary>Records a failed poll: the last good picture stays, marked by the health it now has.</summary>
    public void ReportFailure(string error, DateTimeOffset at, DateTimeOffset? nextAttemptAt = null, bool keyRejected = false)
    {
        lock (_publishGate)
        {
            var health = _health with
            {
                LastAttemptAt = at,
                ConsecutiveFailures = _health.ConsecutiveFailures + 1,
                LastError = error,
                NextAttemptAt = nextAttemptAt,
                KeyRejected = keyRejected,
            };
            Volatile.Write(ref _health, health);
            Notify(null, health);
        }
    }

    /// <summary>
    /// The change sets numbered above <paramref name="sequence"/>, oldest first (empty when it is the current one); null
    /// when some of them are no longer kept (beyond the last <see cref="ChangeSetsKept"/>, or <see cref="OperatorChangesKept"/>
    /// operator changes in all) or <paramref name="sequence"/> is not one this store has reached (e.g. the
    /// server restarted): the listener then needs a fresh snapshot.
    /// </summary>
    public IReadOnlyList<ChangeSet>? ChangesSince(long sequence)
    {
        lock (_gate)
        {
            var last = _current.Sequence;
            if (sequence > last || sequence < last - _historyCount)
            {
                return null;
            }

            var result = new ChangeSet[last - sequence];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = _history[Slot(sequence + 1 + i)]!;
            }

            return result;
        }
    }

    /// <summary>Subscribes; dispose the answer to unsubscribe (a forgotten subscription keeps a whole circuit alive).</summary>
    /// <remarks>Change sets published before this call are not delivered: prefer the overload that answers the snapshot they lead to.</remarks>
    public IDisposable Subscribe(IAvailabilityObserver observer) => Subscribe(observer, out _);

    /// <summary>
    /// Subscribes and answers, atomically, the snapshot from which the observer hears every change set: apply those with a
    /// sequence above <paramref name="current"/>'s and drop the others. Dispose the answer to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(IAvailabilityObserver observer, out Snapshot current)
    {
        lock (_gate)
        {
            current = _current;
            return _observers.Add(observer);
        }
    }

    public int ObserverCount => _observers.Count;

    // Writers build fresh states without Since or a remembered switch; only the changed operators get them, so the cost
    // follows the changes (the unchanged ones keep their stored instances, Since and switches included).
    private void StampTimeInState(Snapshot before, List<OperatorChange> changes, DateTimeOffset at)
    {
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (change.Current is { } current)
            {
                var stamped = TimeInState.Stamp(current, before.Find(change.OperatorId), at, _persisted, switchesAsTold: false);
                if (!ReferenceEquals(stamped, current))
                {
                    changes[i] = change with { Current = stamped };
                }
            }
        }
    }

    // Called under _gate: the snapshot and the history move together, so ChangesSince always matches Current.
    private void Commit(Snapshot next, ChangeSet? changeSet)
    {
        if (next.Sequence != _current.Sequence + (changeSet is null ? 0 : 1))
        {
            // A jump in the numbering (a replicated snapshot, a new polling instance): the kept change sets no longer lead
            // to the new number, so listeners from before it get a snapshot.
            Array.Clear(_history);
            _historyCount = 0;
            _operatorChangesInHistory = 0;
        }

        if (changeSet is not null)
        {
            var slot = Slot(changeSet.Sequence);
            if (_historyCount == ChangeSetsKept)
            {
                // A full ring keeps its oldest change set in the slot the newest one takes.
                Forget(slot);
            }

            _history[slot] = changeSet;
            _historyCount++;
            _operatorChangesInHistory += changeSet.Changes.Count;
            while (_operatorChangesInHistory > OperatorChangesKept && _historyCount > 1)
            {
                Forget(Slot(changeSet.Sequence - _historyCount + 1));
            }
        }

        Volatile.Write(ref _current, next);
    }

    private void Forget(int slot)
    {
        _operatorChangesInHistory -= _history[slot]!.Changes.Count;
        _history[slot] = null;
        _historyCount--;
    }

    private static int Slot(long sequence) => (int)(sequence % ChangeSetsKept);

    private void Notify(ChangeSet? changeSet, UpstreamHealth? health)
    {
        foreach (var observer in _observers.Current)
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
}

/// <summary>
/// Told of every change set and every change of upstream health, in order, on the writer's thread: return quickly
/// (marshal the work to your own context) and do not publish to the store from here.
/// </summary>
public interface IAvailabilityObserver
{
    void OnChanges(ChangeSet changeSet);

    void OnHealth(UpstreamHealth health);
}
