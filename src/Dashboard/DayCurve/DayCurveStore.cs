using Dashboard.Demand;
using Dashboard.Live;
using Microsoft.Extensions.Options;

namespace Dashboard.DayCurve;

/// <summary>
/// Today's curve for every open page: today's samples and the last missed opportunities per hour, and the
/// <see cref="DaySeries"/> computed from them once per change (immutable, shared by every circuit). The sampler and the
/// demand reader (scaled out, on a follower: the replication) write, from their own threads, under one lock; listeners
/// are told on the writer's thread and must marshal to their own context.
/// </summary>
public sealed class DayCurveStore
{
    private readonly Listeners<Action> _listeners = new();
    private readonly Lock _gate = new();
    private readonly List<AvailabilitySample> _samples = [];
    private readonly TimeZoneInfo _zone;
    private readonly TimeProvider _time;
    private HourlyMissed? _hourly;
    private string? _hourlyProblem;
    private DaySeries _current;

    public DayCurveStore(IOptions<DemandOptions> demand, TimeProvider time)
    {
        // One zone for "today" on every page: the demand's, whose figures are drawn on the same axis.
        _zone = demand.Value.ResolveZone(time);
        _time = time;
        _current = Build(time.GetUtcNow());
    }

    public DaySeries Current => Volatile.Read(ref _current);

    /// <summary>The zone whose midnight starts the day and whose clock labels the hours.</summary>
    public TimeZoneInfo Zone => _zone;

    /// <summary>The start of the day <paramref name="now"/> falls in.</summary>
    public DateTimeOffset StartOfDay(DateTimeOffset now) => DemandQuery.StartOfDay(now, _zone);

    /// <summary>Samples read back from the database: at start (a restart keeps the morning), and on a follower each tick.</summary>
    public void Load(IEnumerable<AvailabilitySample> samples) => Change(() => _samples.AddRange(samples));

    /// <summary>When the last sample of today was taken; null before the first.</summary>
    public DateTimeOffset? LastSampleAt
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count == 0 ? null : _samples.Max(s => s.At);
            }
        }
    }

    /// <summary>The missed opportunities per hour last read, and why they are not current (null when they are).</summary>
    public (HourlyMissed? Hourly, string? Problem) HourlyNow
    {
        get
        {
            lock (_gate)
            {
                return (_hourly, _hourlyProblem);
            }
        }
    }

    /// <summary>Scaled out, on a follower: the polling instance's missed opportunities per hour and their problem, as they are there.</summary>
    public void MirrorHourly(HourlyMissed? hourly, string? problem) => Change(() => (_hourly, _hourlyProblem) = (hourly, problem));

    /// <summary>A sample just stored.</summary>
    public void Add(AvailabilitySample sample) => Change(() => _samples.Add(sample));

    /// <summary>New missed opportunities per hour: they replace the last ones and clear any problem.</summary>
    public void PublishHourly(HourlyMissed hourly) => Change(() => (_hourly, _hourlyProblem) = (hourly, null));

    /// <summary>A read of the missed opportunities per hour that did not update them: the last stay, marked stale.</summary>
    public void ReportHourlyProblem(string problem) => Change(() => _hourlyProblem = problem);

    /// <summary>Recomputes with the clock alone (a new day, figures growing old) when nothing else changed.</summary>
    public void Refresh() => Change(() => { });

    /// <summary>Calls <paramref name="onChange"/> after each change; dispose the answer to stop (a forgotten one keeps a circuit alive).</summary>
    public IDisposable Subscribe(Action onChange) => _listeners.Add(onChange);

    public int ListenerCount => _listeners.Count;

    private void Change(Action change)
    {
        DaySeries next;
        lock (_gate)
        {
            change();
            next = Build(_time.GetUtcNow());
            if (next == _current)
            {
                return;
            }

            Volatile.Write(ref _current, next);
        }

        foreach (var listener in _listeners.Current)
        {
            listener();
        }
    }

    // Under the lock (or in the constructor).
    private DaySeries Build(DateTimeOffset now)
    {
        var dayStart = DemandQuery.StartOfDay(now, _zone);
        // Yesterday's samples are the database's to keep; memory holds today's only.
        _samples.RemoveAll(s => s.At < dayStart);
        return DaySeries.Build(dayStart, _zone, now, _samples, _hourly, _hourlyProblem);
    }
}
