using Dashboard.DayCurve;
using Dashboard.Demand;
using Dashboard.Polling;
using Dashboard.Webhooks;
using StackExchange.Redis;

namespace Dashboard.ScaleOut;

/// <summary>
/// What only the polling instance reads besides the picture, carried to the others: the roster (names for the filter
/// menus, details for the details page), kept in Redis under a version that every snapshot and health names, and today's
/// demand with the missed opportunities per hour, sent when they change and in every snapshot. And what followers ask
/// of the polling instance: the reads webhooks call for, so that the upstream is read by one instance only.
/// </summary>
public sealed partial class LiveReplication : IOperatorRefresher
{
    private readonly PollCycle _poll;
    private readonly DemandStore _demand;
    private readonly DayCurveStore _curve;
    private readonly OperatorRefreshQueue _refreshes;
    private readonly RedisChannel _refreshWanted;
    private readonly RedisKey _rosterKey;
    private readonly Lock _figuresGate = new();
    // Polling: the roster last written to Redis and its version; the demand last queued.
    private Roster? _rosterShared;
    private Guid? _rosterSharedVersion;
    private (DemandState Demand, HourlyMissed? Hourly, string? Problem)? _demandQueued;
    // Following: the version of the roster taken from Redis, and whether a read of it is under way.
    private Guid? _rosterHeld;
    private int _rosterReading;

    /// <summary>
    /// Reads the operator from the upstream soon: here when this instance polls, otherwise on the polling instance (whose
    /// change set then brings the result to every instance), so that the account's request budget is spent by one.
    /// </summary>
    public bool Request(int operatorId)
    {
        if (Volatile.Read(ref _term) is not null)
        {
            return _refreshes.Request(operatorId);
        }

        // Lost if no instance polls at this moment: the next poll reads everyone anyway.
        Send(_refreshWanted, operatorId);
        return true;
    }

    private void ReceiveRefresh(RedisValue payload)
    {
        if (Volatile.Read(ref _term) is not null && payload.TryParse(out int operatorId))
        {
            _refreshes.Request(operatorId);
        }
    }

    /// <summary>
    /// Polling: the version of the roster this instance holds, written to Redis first when it is a new one; null before
    /// the first roster is read. Runs on the sending loop, so that a large roster is never serialized in a poll's way.
    /// </summary>
    private Guid? SharedRosterVersion()
    {
        var roster = _poll.Roster;
        if (ReferenceEquals(roster, Roster.Empty))
        {
            return null;
        }

        lock (_figuresGate)
        {
            if (!ReferenceEquals(roster, _rosterShared))
            {
                var version = Guid.NewGuid();
                try
                {
                    // Before the message naming the version: both go down the same connection, in order.
                    _redis.GetDatabase().StringSet(_rosterKey, WireRoster.From(version, roster).Serialize(), flags: CommandFlags.FireAndForget);
                    (_rosterShared, _rosterSharedVersion) = (roster, version);
                }
                catch (RedisException exception)
                {
                    _logger.LogWarning(exception, "The roster could not be written to Redis; trying again with the next message.");
                }
            }

            return _rosterSharedVersion;
        }
    }

    // A new term writes its roster again (another instance may have written one since) and sends its demand anew.
    private void ForgetFiguresShared()
    {
        lock (_figuresGate)
        {
            _rosterShared = null;
            _rosterSharedVersion = null;
            _demandQueued = null;
        }
    }

    private ReplicaMessage WithFigures(ReplicaMessage snapshot)
    {
        var (hourly, problem) = _curve.HourlyNow;
        return snapshot with { RosterVersion = SharedRosterVersion(), Demand = _demand.Current, Hourly = hourly, HourlyProblem = problem };
    }

    // Polling: told by the demand store and the day's curve (on every sample too, hence the check that something of ours moved).
    private void QueueDemand()
    {
        if (Volatile.Read(ref _term) is not { } term)
        {
            return;
        }

        var demand = _demand.Current;
        var (hourly, problem) = _curve.HourlyNow;
        lock (_figuresGate)
        {
            if (_demandQueued is { } queued && ReferenceEquals(queued.Demand, demand) && ReferenceEquals(queued.Hourly, hourly) && queued.Problem == problem)
            {
                return;
            }

            _demandQueued = (demand, hourly, problem);
        }

        _outbox.Writer.TryWrite(() => ReplicaMessage.ForDemand(Instance, term.Value, demand, hourly, problem));
    }

    // Following. A message of an older version carries no demand: the figures shown stay as they are.
    private void MirrorDemand(ReplicaMessage message)
    {
        if (message.Demand is { } demand)
        {
            _demand.Mirror(demand);
            _curve.MirrorHourly(message.Hourly, message.HourlyProblem);
        }
    }

    // Following: the polling instance names a roster this instance does not hold; one read at a time, and a read that
    // finds an older one is made again at the next message naming the new one.
    private void FollowRoster(Guid? version)
    {
        lock (_figuresGate)
        {
            if (version is null || version == _rosterHeld)
            {
                return;
            }
        }

        if (Interlocked.Exchange(ref _rosterReading, 1) == 0)
        {
            _ = ReadRosterAsync();
        }
    }

    private async Task ReadRosterAsync()
    {
        try
        {
            var stored = WireRoster.Deserialize((byte[]?)await _redis.GetDatabase().StringGetAsync(_rosterKey));
            if (stored is not null && Volatile.Read(ref _term) is null)
            {
                _poll.Adopt(stored.ToRoster());
                lock (_figuresGate)
                {
                    _rosterHeld = stored.Version;
                }
            }
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "The polling instance's roster could not be read from Redis; trying again with its next message.");
        }
        finally
        {
            Interlocked.Exchange(ref _rosterReading, 0);
        }
    }
}
