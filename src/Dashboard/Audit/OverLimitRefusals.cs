namespace Dashboard.Audit;

/// <summary>
/// Counts the changes each person asked for beyond their limit (<see cref="Security.SecurityOptions.HubCommandsPerMinute"/>)
/// and records them as one audit entry per person and minute, "N refused attempts in a minute", re-counted every second
/// while it grows: a flood of refused calls must not write a row each and bury the real entries.
/// </summary>
public sealed class OverLimitRefusals(AuditTrail audit, TimeProvider time, ILogger<OverLimitRefusals> logger) : BackgroundService
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();

    // Guarded by _gate: the minute each person is in, and minutes that ended before their last count was written.
    private readonly Dictionary<string, Burst> _open = [];
    private readonly List<Burst> _ended = [];

    private sealed class Burst(CommandActor actor, DateTimeOffset start)
    {
        public CommandActor Actor { get; } = actor;

        public DateTimeOffset Start { get; } = start;

        public int Count { get; set; }

        public int Written { get; set; }

        public long? EntryId { get; set; }
    }

    /// <summary>Counts one refused change of <paramref name="actor"/>; it is written within a second.</summary>
    public void Add(CommandActor actor)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_open.TryGetValue(actor.Name, out var burst) || burst.Start + Minute <= now)
            {
                if (burst is not null)
                {
                    _ended.Add(burst);
                }

                burst = new Burst(actor, now);
                _open[actor.Name] = burst;
            }

            burst.Count++;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FlushAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Recording refused changes over the limit failed; tried again in {Interval}.", FlushInterval);
            }
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        List<(Burst Burst, int Count)> due;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _ended.RemoveAll(b => b.Count == b.Written);
            foreach (var (name, burst) in _open.Where(p => p.Value.Start + Minute <= now && p.Value.Count == p.Value.Written).ToList())
            {
                _open.Remove(name);
            }

            due = [.. _open.Values.Concat(_ended).Where(b => b.Count > b.Written).Select(b => (b, b.Count))];
        }

        foreach (var (burst, count) in due)
        {
            burst.EntryId = await audit.RecordOverLimitAsync(burst.Actor, burst.Start, count, burst.EntryId, cancellationToken);
            lock (_gate)
            {
                burst.Written = count;
            }
        }
    }
}
