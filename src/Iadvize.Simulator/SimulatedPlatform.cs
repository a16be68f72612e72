using Iadvize.Simulator.Webhooks;

namespace Iadvize.Simulator;

/// <summary>
/// The simulated iAdvize platform: a seeded roster and the live state of every operator, moved along by
/// <see cref="Step"/>. Thread-safe; deterministic for a seed and a sequence of calls.
/// </summary>
/// <remarks>
/// One lock guards the roster's live state and the activity model together (<see cref="Roster"/>,
/// <see cref="ActivityModel"/>), so a request never sees half a tick. The fault dice (<see cref="FaultDice"/>) and the
/// request log (<see cref="RequestLog"/>) have locks of their own: they share no state with the rest.
/// </remarks>
public sealed class SimulatedPlatform
{
    private readonly Lock _gate = new();
    private readonly Roster _roster;
    private readonly ActivityModel _activity;
    private readonly FaultDice _faults;
    private readonly RequestLog _requests;
    private readonly int[] _skillIds;
    private readonly int[] _websiteIds;
    private readonly int _seed;
    private long _version;

    public SimulatedPlatform(SimulatorOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OperatorCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.OperatorCount, 50_000);
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TickInterval, TimeSpan.Zero);
        _faults = new FaultDice(options.Seed, options.Faults ?? SimulatorFaults.None);

        ApiKey = options.ApiKey;
        HideScopedOperators = options.HideScopedOperators;
        _seed = options.Seed;
        _requests = new RequestLog(timeProvider);
        // One generator for the roster and the activity, drawn in a fixed order: a seed gives one platform.
        var random = new Random(options.Seed);
        Population = Population.Seed(random, options.OperatorCount);
        _skillIds = [.. Population.Skills.Where(s => s.OperatorList.Count > 0).Select(s => s.Id).Order()];
        _websiteIds = [.. Population.Websites.Select(w => w.Id)];
        _roster = new Roster(Population, _skillIds, _websiteIds);
        _activity = new ActivityModel(options, timeProvider.GetUtcNow(), _roster, random, _skillIds.Length, _websiteIds.Length);
    }

    public string ApiKey { get; }

    /// <summary>
    /// The faults the API answers with now. Setting them takes effect on the next request; invalid settings
    /// (see <see cref="SimulatorFaults.Validate"/>) throw <see cref="ArgumentException"/>.
    /// </summary>
    public SimulatorFaults Faults
    {
        get => _faults.Faults;
        set => _faults.Faults = value;
    }

    /// <summary>The simulated clock: the time provider's time at start plus one tick interval per <see cref="Step"/>.</summary>
    public DateTimeOffset Now
    {
        get
        {
            lock (_gate)
            {
                return _activity.Now;
            }
        }
    }

    /// <summary>Every operator of the roster, ascending ids.</summary>
    public IReadOnlyList<int> OperatorIds => _roster.Ids;

    /// <summary>Every PUT received over HTTP, oldest first; only the last 1,000 are kept.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    /// <summary>Increments on every change of live state.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    internal Population Population { get; }

    /// <summary>The live state of an operator, or null for an unknown id.</summary>
    public SimulatedLive? GetLive(int operatorId)
    {
        lock (_gate)
        {
            return _roster.TryFind(operatorId, out var op) ? Roster.Snapshot(op) : null;
        }
    }

    /// <summary>
    /// What <c>PUT /operator/{id}/live</c> with <c>{channel}[available]=0|1</c> does. An operator set unavailable
    /// keeps their conversations, gets no new ones and stays unavailable until set available again.
    /// </summary>
    public void SetAvailability(int operatorId, string channel, bool available)
    {
        var parsed = Channels.Parse(channel, nameof(channel));
        lock (_gate)
        {
            var op = _roster.Find(operatorId);
            if (Roster.SetWish(op, parsed, available))
            {
                _version++;
                _roster.Emit(SimulatorEventKind.AvailabilityUpdated, op);
            }
        }
    }

    /// <summary>What <c>PUT /operator/{id}/live</c> with <c>connected=0</c> does: ends conversations, goes offline.</summary>
    public void Disconnect(int operatorId)
    {
        lock (_gate)
        {
            if (_roster.Disconnect(_roster.Find(operatorId)))
            {
                _version++;
            }
        }
    }

    /// <summary>The operator logs in to the desk and becomes available on their enabled channels.</summary>
    public void Connect(int operatorId)
    {
        lock (_gate)
        {
            if (_roster.Connect(_roster.Find(operatorId)))
            {
                _version++;
            }
        }
    }

    /// <summary>Gives the operator one more conversation on the channel if they can take it.</summary>
    /// <returns>False when the operator is unknown, offline, unavailable, busy or the channel is disabled.</returns>
    public bool StartConversation(int operatorId, string channel)
    {
        var parsed = Channels.Parse(channel, nameof(channel));
        lock (_gate)
        {
            if (!_roster.TryFind(operatorId, out var op) || !_activity.StartConversation(op, parsed))
            {
                return false;
            }

            _version++;
            return true;
        }
    }

    /// <summary>
    /// One tick of the activity model: conversations end, operators come and go, queued visitors are served or give up,
    /// new contacts arrive and are answered, queued or missed. Costs in proportion to operators plus active contacts.
    /// </summary>
    public void Step()
    {
        lock (_gate)
        {
            if (_activity.Step())
            {
                _version++;
            }
        }
    }

    internal bool HideScopedOperators { get; }

    internal IReadOnlyList<int> SkillIds => _skillIds;

    internal IReadOnlyList<int> WebsiteIds => _websiteIds;

    internal double TickSeconds => _activity.TickSeconds;

    /// <summary>Reads the hourly aggregates under the lock, so a tick never shows half done.</summary>
    internal T ReadStatistics<T>(Func<StatisticsBook, T> read)
    {
        lock (_gate)
        {
            return read(_activity.Statistics);
        }
    }

    /// <summary>What <c>GET /operator/{id}/statistic</c> reports, or null for an unknown id.</summary>
    internal (long Conversations, int Experience, double Satisfaction)? GetStatistic(int operatorId)
    {
        if (!_roster.TryFind(operatorId, out var op))
        {
            return null;
        }

        // Careers started before the simulation: a seeded past, plus what the operator has done since.
        var past = (long)(Hashing.Unit(_seed, operatorId, 1) * 4_000);
        var satisfaction = Math.Round(0.7 + (Hashing.Unit(_seed, operatorId, 2) * 0.28), 2);
        lock (_gate)
        {
            var conversations = past + op.Conversations;
            return (conversations, (int)Math.Min(int.MaxValue, 120 + (conversations * 9)), satisfaction);
        }
    }

    internal OperatorPublicProfile? GetPublicProfile(int operatorId) =>
        _roster.TryFind(operatorId, out var op) ? OperatorPublicProfile.Create(_seed, op.Profile, Population.Websites) : null;

    /// <summary>Picks the fault of one API request; its own generator keeps the decisions reproducible for a seed.</summary>
    internal FaultKind NextFault(SimulatorFaults faults) => _faults.Next(faults);

    // The roster never changes after construction, so reading it needs no lock.
    internal OperatorProfile? FindProfile(int operatorId) => _roster.TryFind(operatorId, out var op) ? op.Profile : null;

    /// <summary>One page of live states, ascending ids, with the number of operators that match.</summary>
    internal (IReadOnlyList<SimulatedLive> Items, int Count) QueryLive(Func<OperatorProfile, bool> match, bool includeOffline, long skip, int take)
    {
        var items = new List<SimulatedLive>(Math.Min(take, 100));
        var count = 0;
        lock (_gate)
        {
            foreach (var op in _roster.Operators)
            {
                var listed = op.Connected || (includeOffline && op.EverLoggedIn);
                if (!listed || !match(op.Profile))
                {
                    continue;
                }

                if (count >= skip && items.Count < take)
                {
                    items.Add(Roster.Snapshot(op));
                }

                count++;
            }
        }

        return (items, count);
    }

    /// <summary>Applies the fields of one PUT together, so a tick never sees half of it.</summary>
    internal void ApplyLiveUpdate(int operatorId, IReadOnlyList<(Channel Channel, bool Available)> availability, bool disconnect)
    {
        lock (_gate)
        {
            var op = _roster.Find(operatorId);
            var changed = false;
            foreach (var (channel, available) in availability)
            {
                changed |= Roster.SetWish(op, channel, available);
            }

            // One PUT is one change of availability, however many channels it sets.
            if (changed)
            {
                _roster.Emit(SimulatorEventKind.AvailabilityUpdated, op);
            }

            if (disconnect)
            {
                changed |= _roster.Disconnect(op);
            }

            if (changed)
            {
                _version++;
            }
        }
    }

    internal void Record(string method, string path, string? contentType, string body) => _requests.Record(method, path, contentType, body);

    /// <summary>
    /// Tells <paramref name="sink"/> of every change of an operator's state from now on (login, logout, availability,
    /// conversation start and end), under the platform's lock: the sink must return at once.
    /// </summary>
    internal void Observe(Action<SimulatorEvent> sink)
    {
        lock (_gate)
        {
            _roster.Observe(sink);
        }
    }
}
