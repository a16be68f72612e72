using Dashboard.Live;

namespace Dashboard.Demand;

/// <summary>
/// Today's demand for every open page: one <see cref="DemandState"/> (immutable, shared by every circuit, which keeps
/// only a reference to it) and a nudge to each listener when it changes. One writer: the reader, or on a scaled-out
/// follower the replication (<see cref="Mirror"/>); listeners are told on the writer's thread and must marshal to their own
/// context.
/// </summary>
public sealed class DemandStore
{
    private readonly Listeners<Action> _listeners = new();
    private DemandState _current = DemandState.NotLoaded;
    private long _reads;
    private long _failures;
    private long _skipped;

    public DemandState Current => Volatile.Read(ref _current);

    /// <summary><c>GET /statistic</c> requests made since start.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Those of <see cref="Reads"/> that failed.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Reads not made, to keep the request budget for the live poll and people's changes, or while the upstream asked to wait.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>New figures: they replace the old ones and clear any problem.</summary>
    public void Publish(DemandFigures figures, DateTimeOffset at, DateTimeOffset staleAfter) =>
        Replace(new DemandState(figures, at, staleAfter, null));

    /// <summary>An attempt that did not update the figures: they stay, marked stale with <paramref name="problem"/>.</summary>
    public void ReportProblem(string problem) => Replace(Current with { Problem = problem });

    /// <summary>Scaled out, on a follower: the polling instance's figures, as they are there (figures, time and problem).</summary>
    public void Mirror(DemandState state) => Replace(state);

    public void CountRead(bool succeeded)
    {
        Interlocked.Increment(ref _reads);
        if (!succeeded)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    public void CountSkipped() => Interlocked.Increment(ref _skipped);

    /// <summary>Calls <paramref name="onChange"/> after each change; dispose the answer to stop (a forgotten one keeps a circuit alive).</summary>
    public IDisposable Subscribe(Action onChange) => _listeners.Add(onChange);

    public int ListenerCount => _listeners.Count;

    private void Replace(DemandState next)
    {
        // One writer: no two replacements race, so reading then writing needs no lock.
        if (next == Volatile.Read(ref _current))
        {
            return;
        }

        Volatile.Write(ref _current, next);
        foreach (var listener in _listeners.Current)
        {
            listener();
        }
    }
}
