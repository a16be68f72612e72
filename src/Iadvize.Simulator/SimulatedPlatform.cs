using Iadvize.Simulator.Webhooks;

namespace Iadvize.Simulator;

/// <summary>
/// The simulated iAdvize platform: a seeded roster and the live state of every operator, moved along by
/// <see cref="Step"/>. Thread-safe; deterministic for a seed and a sequence of calls.
/// </summary>
public sealed class SimulatedPlatform
{
    private const int MaxRecordedRequests = 1_000;
    private const long NoBreak = -1;

    // Shares of the roster at start: ~70% connected, ~25% offline, ~5% who never logged in.
    private const double NeverLoggedInShare = 0.05;
    private const double OfflineShare = 0.25;
    private const double InitialBreakShare = 0.05;

    // Per operator and per tick. Login/logout chances balance at ~70% connected and give about one
    // login or logout every 10 ticks across 60 operators.
    private const double LogoutChance = 0.0012;
    private const double LoginChance = 0.0034;
    private const double BreakChance = 0.0008;
    private const int BreakMinTicks = 30;
    private const int BreakMaxTicks = 120;

    // Off shift (day cycle on), operators leave within a minute or two and nobody logs in.
    private const double OffShiftLogoutChance = 0.02;
    private const int ShiftHours = 8;

    // The share of the roster connected on average (never-logged-in and offline excluded), used to size the
    // automatic contact rate so that occupancy lands near each channel's target.
    private const double ExpectedConnectedShare = 0.66;

    private static readonly ChannelModel[] Models =
    [
        new(TargetOccupancy: 0.6, MinHandleTicks: 20, MaxHandleTicks: 120, MinResponseSeconds: 5, MaxResponseSeconds: 30, HasQueue: true),
        new(TargetOccupancy: 0.45, MinHandleTicks: 30, MaxHandleTicks: 180, MinResponseSeconds: 3, MaxResponseSeconds: 15, HasQueue: false),
        new(TargetOccupancy: 0.35, MinHandleTicks: 30, MaxHandleTicks: 180, MinResponseSeconds: 3, MaxResponseSeconds: 15, HasQueue: true),
    ];

    // Most shifts cover the morning; none covers the night.
    private static readonly int[] ShiftStarts = [6, 7, 8, 8, 9, 9, 9, 10, 12, 13];

    // Contacts per hour of the day (UTC) relative to the busiest hour, when the day cycle is on.
    private static readonly double[] DayCurve =
    [
        0.05, 0.03, 0.02, 0.02, 0.02, 0.04, 0.1, 0.3, 0.6, 0.9, 1.0, 1.0,
        0.8, 0.85, 1.0, 1.0, 0.95, 0.85, 0.7, 0.5, 0.35, 0.2, 0.12, 0.08,
    ];

    private readonly Lock _gate = new();
    private readonly Lock _faultGate = new();
    private readonly Random _random;
    private readonly Random _faultRandom;
    private readonly TimeProvider _timeProvider;
    private readonly OperatorState[] _operators;
    private readonly Dictionary<int, OperatorState> _byId;
    private readonly List<Conversation> _conversations = [];
    private readonly Queue<RecordedRequest> _requests = new();
    private readonly int[] _operatorIds;
    private readonly int _seed;
    private readonly long _originTicks;
    private readonly long _tickLength;
    private readonly double _tickSeconds;
    private readonly bool _dayCycle;
    private readonly double _patienceTicks;
    private readonly int[] _skillIds;
    private readonly int[] _websiteIds;
    private readonly StatisticsBook _statistics;

    // Indexed by channel * skill count + skill: who can take a contact now, who is in production, who waits.
    private readonly List<OperatorState>[] _candidates;
    private readonly int[] _inProduction;
    private readonly List<WaitingContact>[] _queues;

    private readonly double[] _ratePerTick = new double[Channels.Count];
    private readonly double[][] _skillWeights;
    private readonly double[][] _websiteWeights;
    private SimulatorFaults _faults;
    private Action<SimulatorEvent>? _events;
    private long _tick;
    private long _version;
    private long _lastConversationId;

    public SimulatedPlatform(SimulatorOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OperatorCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.OperatorCount, 50_000);
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TickInterval, TimeSpan.Zero);
        ThrowIfInvalid(options.Faults ?? SimulatorFaults.None);

        ApiKey = options.ApiKey;
        HideScopedOperators = options.HideScopedOperators;
        _faults = options.Faults ?? SimulatorFaults.None;
        _seed = options.Seed;
        _timeProvider = timeProvider;
        _random = new Random(options.Seed);
        // Faults draw from their own generator so switching them on never changes the simulated activity.
        _faultRandom = new Random(unchecked(options.Seed ^ 0x5EED_FA17));
        _originTicks = timeProvider.GetUtcNow().UtcTicks;
        _tickLength = options.TickInterval.Ticks;
        _tickSeconds = options.TickInterval.TotalSeconds;
        _dayCycle = options.DayCycle;
        _patienceTicks = Math.Max(1, options.Patience / options.TickInterval);

        Population = Population.Seed(_random, options.OperatorCount);
        _skillIds = [.. Population.Skills.Where(s => s.OperatorList.Count > 0).Select(s => s.Id).Order()];
        _websiteIds = [.. Population.Websites.Select(w => w.Id)];
        var skillIndex = _skillIds.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        var websiteIndex = _websiteIds.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        _operators = [.. Population.Operators.Select(profile => new OperatorState(profile, skillIndex, websiteIndex))];
        _byId = _operators.ToDictionary(o => o.Profile.Id);
        _operatorIds = [.. _operators.Select(o => o.Profile.Id)];

        _statistics = new StatisticsBook(_skillIds.Length, _websiteIds.Length);
        _statistics.Enter(HourKey);
        var cells = Channels.Count * _skillIds.Length;
        _candidates = [.. Enumerable.Range(0, cells).Select(_ => new List<OperatorState>())];
        _inProduction = new int[cells];
        _queues = [.. Enumerable.Range(0, cells).Select(_ => new List<WaitingContact>())];
        (_skillWeights, _websiteWeights) = DemandWeights();
        SetArrivalRates(options.ContactsPerMinute);

        var startHour = HourOfDay;
        foreach (var op in _operators)
        {
            SeedLiveState(op);
            if (_dayCycle && !InShift(op, startHour))
            {
                DisconnectCore(op);
            }
        }
    }

    private enum Wish
    {
        Available,
        Unavailable,
        OnBreak,
    }

    public string ApiKey { get; }

    /// <summary>
    /// The faults the API answers with now. Setting them takes effect on the next request; invalid settings
    /// (see <see cref="SimulatorFaults.Validate"/>) throw <see cref="ArgumentException"/>.
    /// </summary>
    public SimulatorFaults Faults
    {
        get => Volatile.Read(ref _faults);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            ThrowIfInvalid(value);
            Volatile.Write(ref _faults, value);
        }
    }

    /// <summary>The simulated clock: the time provider's time at start plus one tick interval per <see cref="Step"/>.</summary>
    public DateTimeOffset Now
    {
        get
        {
            lock (_gate)
            {
                return new DateTimeOffset(_originTicks + (_tick * _tickLength), TimeSpan.Zero);
            }
        }
    }

    /// <summary>Every operator of the roster, ascending ids.</summary>
    public IReadOnlyList<int> OperatorIds => _operatorIds;

    /// <summary>Every PUT received over HTTP, oldest first; only the last 1,000 are kept.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

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
            return _byId.TryGetValue(operatorId, out var op) ? Snapshot(op) : null;
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
            var op = Find(operatorId);
            if (SetWish(op, parsed, available))
            {
                _version++;
                Emit(SimulatorEventKind.AvailabilityUpdated, op);
            }
        }
    }

    /// <summary>What <c>PUT /operator/{id}/live</c> with <c>connected=0</c> does: ends conversations, goes offline.</summary>
    public void Disconnect(int operatorId)
    {
        lock (_gate)
        {
            if (DisconnectCore(Find(operatorId)))
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
            if (ConnectCore(Find(operatorId)))
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
            if (!_byId.TryGetValue(operatorId, out var op) || !CanTake(op, parsed))
            {
                return false;
            }

            Assign(op, parsed, HandleTicks(parsed));
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
            _tick++;
            _statistics.Enter(HourKey);
            var changed = EndConversations();
            changed |= MoveOperators();
            changed |= ServeQueues();
            changed |= Arrive();
            if (changed)
            {
                _version++;
            }
        }
    }

    internal bool HideScopedOperators { get; }

    internal IReadOnlyList<int> SkillIds => _skillIds;

    internal IReadOnlyList<int> WebsiteIds => _websiteIds;

    internal double TickSeconds => _tickSeconds;

    private long HourKey => (_originTicks + (_tick * _tickLength)) / TimeSpan.TicksPerHour;

    private int HourOfDay => (int)(HourKey % 24);

    /// <summary>Reads the hourly aggregates under the lock, so a tick never shows half done.</summary>
    internal T ReadStatistics<T>(Func<StatisticsBook, T> read)
    {
        lock (_gate)
        {
            return read(_statistics);
        }
    }

    /// <summary>What <c>GET /operator/{id}/statistic</c> reports, or null for an unknown id.</summary>
    internal (long Conversations, int Experience, double Satisfaction)? GetStatistic(int operatorId)
    {
        if (!_byId.TryGetValue(operatorId, out var op))
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
        _byId.TryGetValue(operatorId, out var op) ? OperatorPublicProfile.Create(_seed, op.Profile, Population.Websites) : null;

    /// <summary>Picks the fault of one API request; its own generator keeps the decisions reproducible for a seed.</summary>
    internal FaultKind NextFault(SimulatorFaults faults)
    {
        if (faults.ErrorRate + faults.RateLimitRate + faults.TimeoutRate + faults.MalformedRate <= 0)
        {
            return FaultKind.None;
        }

        double roll, pick;
        lock (_faultGate)
        {
            roll = _faultRandom.NextDouble();
            pick = _faultRandom.NextDouble();
        }

        if ((roll -= faults.ErrorRate) < 0)
        {
            return pick < 0.6 ? FaultKind.ServerError : pick < 0.8 ? FaultKind.BadGateway : FaultKind.ServiceUnavailable;
        }

        if ((roll -= faults.RateLimitRate) < 0)
        {
            return FaultKind.RateLimited;
        }

        if ((roll -= faults.TimeoutRate) < 0)
        {
            return FaultKind.Hang;
        }

        return roll - faults.MalformedRate < 0
            ? pick < 0.5 ? FaultKind.HtmlBody : FaultKind.TruncatedJson
            : FaultKind.None;
    }

    // The roster never changes after construction, so reading it needs no lock.
    internal OperatorProfile? FindProfile(int operatorId) => _byId.TryGetValue(operatorId, out var op) ? op.Profile : null;

    /// <summary>One page of live states, ascending ids, with the number of operators that match.</summary>
    internal (IReadOnlyList<SimulatedLive> Items, int Count) QueryLive(Func<OperatorProfile, bool> match, bool includeOffline, long skip, int take)
    {
        var items = new List<SimulatedLive>(Math.Min(take, 100));
        var count = 0;
        lock (_gate)
        {
            foreach (var op in _operators)
            {
                var listed = op.Connected || (includeOffline && op.EverLoggedIn);
                if (!listed || !match(op.Profile))
                {
                    continue;
                }

                if (count >= skip && items.Count < take)
                {
                    items.Add(Snapshot(op));
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
            var op = Find(operatorId);
            var changed = false;
            foreach (var (channel, available) in availability)
            {
                changed |= SetWish(op, channel, available);
            }

            // One PUT is one change of availability, however many channels it sets.
            if (changed)
            {
                Emit(SimulatorEventKind.AvailabilityUpdated, op);
            }

            if (disconnect)
            {
                changed |= DisconnectCore(op);
            }

            if (changed)
            {
                _version++;
            }
        }
    }

    internal void Record(string method, string path, string? contentType, string body)
    {
        var request = new RecordedRequest(method, path, contentType, body, _timeProvider.GetUtcNow());
        lock (_gate)
        {
            if (_requests.Count == MaxRecordedRequests)
            {
                _requests.Dequeue();
            }

            _requests.Enqueue(request);
        }
    }

    /// <summary>
    /// Tells <paramref name="sink"/> of every change of an operator's state from now on (login, logout, availability,
    /// conversation start and end), under the platform's lock: the sink must return at once.
    /// </summary>
    internal void Observe(Action<SimulatorEvent> sink)
    {
        lock (_gate)
        {
            _events += sink;
        }
    }

    private static SimulatedLive Snapshot(OperatorState op) =>
        new(op.Profile.Id, op.Connected, Snapshot(op, Channel.Chat), Snapshot(op, Channel.Call), Snapshot(op, Channel.Video));

    private static SimulatedChannel Snapshot(OperatorState op, Channel channel)
    {
        var enabled = op.Profile.IsEnabled(channel);
        var max = op.Profile.SlotMax(channel);
        var slots = op.Slots[(int)channel];
        var busy = max > 0 && slots >= max;
        var available = op.Connected && enabled && op.Wishes[(int)channel] == Wish.Available && !busy;
        return new SimulatedChannel(enabled, slots, max, busy, available);
    }

    private static bool CanTake(OperatorState op, Channel channel) =>
        op.Connected
        && op.Profile.IsEnabled(channel)
        && op.Wishes[(int)channel] == Wish.Available
        && op.Slots[(int)channel] < op.Profile.SlotMax(channel);

    private static bool SetWish(OperatorState op, Channel channel, bool available)
    {
        var wish = available ? Wish.Available : Wish.Unavailable;
        if (op.Wishes[(int)channel] == wish)
        {
            return false;
        }

        op.Wishes[(int)channel] = wish;
        return true;
    }

    private bool ConnectCore(OperatorState op)
    {
        if (op.Connected)
        {
            return false;
        }

        op.Connected = true;
        op.EverLoggedIn = true;
        op.BreakEndsAt = NoBreak;
        Array.Fill(op.Wishes, Wish.Available);
        Emit(SimulatorEventKind.Connected, op);
        return true;
    }

    private bool DisconnectCore(OperatorState op)
    {
        var wasConnected = op.Connected;
        op.Connected = false;
        op.BreakEndsAt = NoBreak;
        Array.Fill(op.Wishes, Wish.Unavailable);
        // Ending the session frees the slots now; the conversations it owned are dropped lazily by the next
        // tick, which keeps a disconnect O(1) at any size. The disconnection event stands for their end.
        op.Session++;
        Array.Clear(op.Slots);
        if (wasConnected)
        {
            Emit(SimulatorEventKind.Disconnected, op);
        }

        return wasConnected;
    }

    private void EndBreak(OperatorState op)
    {
        op.BreakEndsAt = NoBreak;
        for (var c = 0; c < Channels.Count; c++)
        {
            if (op.Wishes[c] == Wish.OnBreak)
            {
                op.Wishes[c] = Wish.Available;
            }
        }

        Emit(SimulatorEventKind.AvailabilityUpdated, op);
    }

    // Called under the lock, so events reach the sink in the order they happened. The sink only enqueues: it never
    // blocks a tick or a request.
    private void Emit(SimulatorEventKind kind, OperatorState op, Channel? channel = null, long conversationId = 0) =>
        _events?.Invoke(new SimulatorEvent(kind, op.Profile.Id, channel is { } c ? Channels.Name(c) : null, conversationId));

    private OperatorState Find(int operatorId) =>
        _byId.TryGetValue(operatorId, out var op)
            ? op
            : throw new ArgumentException($"Unknown operator {operatorId}.", nameof(operatorId));

    private void SeedLiveState(OperatorState op)
    {
        var roll = _random.NextDouble();
        if (roll < NeverLoggedInShare)
        {
            return;
        }

        op.EverLoggedIn = true;
        if (roll < NeverLoggedInShare + OfflineShare)
        {
            return;
        }

        ConnectCore(op);
        var onBreak = _random.NextDouble() < InitialBreakShare;
        // Conversations already in progress, mid-way through, so the first screen looks alive.
        foreach (var channel in Channels.All)
        {
            if (!op.Profile.IsEnabled(channel))
            {
                continue;
            }

            var model = Models[(int)channel];
            for (var slot = 0; slot < op.Profile.SlotMax(channel); slot++)
            {
                if (_random.NextDouble() < model.TargetOccupancy)
                {
                    Assign(op, channel, _random.Next(1, model.MaxHandleTicks + 1));
                }
            }
        }

        if (onBreak)
        {
            StartBreak(op, _random.Next(5, BreakMaxTicks + 1));
        }
    }

    private bool MoveOperators()
    {
        var changed = false;
        var skills = _skillIds.Length;
        var hour = HourOfDay;
        foreach (var candidates in _candidates)
        {
            candidates.Clear();
        }

        Array.Clear(_inProduction);
        foreach (var op in _operators)
        {
            changed |= MoveOperator(op, hour);
            if (!op.Connected)
            {
                continue;
            }

            foreach (var channel in Channels.All)
            {
                if (!op.Profile.IsEnabled(channel))
                {
                    continue;
                }

                var c = (int)channel;
                var slots = op.Slots[c];
                var max = op.Profile.SlotMax(channel);
                var available = op.Wishes[c] == Wish.Available;
                var production = available || slots > 0;
                var full = slots >= max;
                var presence = new PresenceCounters
                {
                    Presence = 1,
                    Production = production ? 1 : 0,
                    MaxOccupied = production && full ? 1 : 0,
                    PartiallyOccupied = production && slots > 0 && !full ? 1 : 0,
                    NotOccupied = production && slots == 0 ? 1 : 0,
                    NonProduction = production ? 0 : 1,
                };
                _statistics.Presence(channel, _statistics.AllSkills, op.WebsiteSet).Add(presence);
                foreach (var skill in op.SkillIndexes)
                {
                    _statistics.Presence(channel, skill, op.WebsiteSet).Add(presence);
                    if (production)
                    {
                        _inProduction[(c * skills) + skill]++;
                    }

                    if (available && !full)
                    {
                        _candidates[(c * skills) + skill].Add(op);
                    }
                }
            }
        }

        return changed;
    }

    private bool MoveOperator(OperatorState op, int hour)
    {
        // Operators who never logged in stay that way until Connect() is called: the API hides them.
        if (!op.EverLoggedIn)
        {
            return false;
        }

        var roll = _random.NextDouble();
        var inShift = !_dayCycle || InShift(op, hour);
        if (!op.Connected)
        {
            return inShift && roll < LoginChance && ConnectCore(op);
        }

        if (op.BreakEndsAt != NoBreak && _tick >= op.BreakEndsAt)
        {
            EndBreak(op);
            return true;
        }

        if (!inShift)
        {
            return roll < OffShiftLogoutChance && DisconnectCore(op);
        }

        // Someone a manager set unavailable stays exactly so until set available again.
        if (Array.IndexOf(op.Wishes, Wish.Unavailable) >= 0)
        {
            return false;
        }

        if (roll < LogoutChance)
        {
            return DisconnectCore(op);
        }

        return roll < LogoutChance + BreakChance
            && op.BreakEndsAt == NoBreak
            && StartBreak(op, _random.Next(BreakMinTicks, BreakMaxTicks + 1));
    }

    private bool StartBreak(OperatorState op, int ticks)
    {
        var any = false;
        for (var c = 0; c < Channels.Count; c++)
        {
            if (op.Wishes[c] == Wish.Available)
            {
                op.Wishes[c] = Wish.OnBreak;
                any = true;
            }
        }

        if (any)
        {
            op.BreakEndsAt = _tick + ticks;
            Emit(SimulatorEventKind.AvailabilityUpdated, op);
        }

        return any;
    }

    private bool EndConversations()
    {
        var ended = false;
        var kept = 0;
        for (var i = 0; i < _conversations.Count; i++)
        {
            var conversation = _conversations[i];
            if (conversation.Session != conversation.Operator.Session)
            {
                continue;
            }

            if (conversation.EndsAt <= _tick)
            {
                conversation.Operator.Slots[(int)conversation.Channel]--;
                ended = true;
                Emit(SimulatorEventKind.ConversationClosed, conversation.Operator, conversation.Channel, conversation.Id);
                continue;
            }

            _conversations[kept++] = conversation;
        }

        _conversations.RemoveRange(kept, _conversations.Count - kept);
        return ended;
    }

    private static bool InShift(OperatorState op, int hour) => (hour - op.ShiftStart + 24) % 24 < ShiftHours;

    /// <summary>Visitors in the queues are served first come, first served, or give up when their patience runs out.</summary>
    private bool ServeQueues()
    {
        var any = false;
        var skills = _skillIds.Length;
        for (var cell = 0; cell < _queues.Length; cell++)
        {
            var queue = _queues[cell];
            if (queue.Count == 0)
            {
                continue;
            }

            var channel = (Channel)(cell / skills);
            var kept = 0;
            for (var i = 0; i < queue.Count; i++)
            {
                var waiting = queue[i];
                var waited = _tick - waiting.ArrivedAt;
                if (waiting.GivesUpAt <= _tick)
                {
                    ref var counters = ref _statistics.Contact(waiting.Cell);
                    counters.QueueAborted++;
                    counters.AbortWaitSeconds += waited * _tickSeconds;
                    continue;
                }

                if (TakeCandidate(channel, cell) is { } op)
                {
                    Answer(op, channel, waiting.Cell, waited, fromQueue: true);
                    any = true;
                    continue;
                }

                queue[kept++] = waiting;
            }

            queue.RemoveRange(kept, queue.Count - kept);
        }

        return any;
    }

    private bool Arrive()
    {
        var any = false;
        var skills = _skillIds.Length;
        var curve = _dayCycle ? DayCurve[HourOfDay] : 1;
        foreach (var channel in Channels.All)
        {
            var c = (int)channel;
            var arrivals = Poisson(_ratePerTick[c] * curve);
            for (var n = 0; n < arrivals; n++)
            {
                var skill = Pick(_skillWeights[c]);
                var cellIndex = (c * skills) + skill;
                var cell = _statistics.NewContact(channel, skill, Pick(_websiteWeights[skill]));
                ref var counters = ref _statistics.Contact(cell);
                counters.Number++;
                if (TakeCandidate(channel, cellIndex) is { } op)
                {
                    Answer(op, channel, cell, 0, fromQueue: false);
                    any = true;
                }
                else if (_inProduction[cellIndex] == 0)
                {
                    counters.MissedNone++;
                }
                else if (Models[c].HasQueue && _queues[cellIndex].Count < _inProduction[cellIndex])
                {
                    // The waiting room holds one visitor per operator in production on the skill.
                    counters.Queued++;
                    var patience = (long)Math.Ceiling(_patienceTicks * (0.5 + _random.NextDouble()));
                    _queues[cellIndex].Add(new WaitingContact(_tick, _tick + patience, cell));
                }
                else
                {
                    counters.MissedBusy++;
                }
            }
        }

        return any;
    }

    /// <summary>The less loaded of two random candidates of the skill; no sorting, so O(1) per contact.</summary>
    private OperatorState? TakeCandidate(Channel channel, int cell)
    {
        var candidates = _candidates[cell];
        while (candidates.Count > 0)
        {
            // An operator is listed under each of their skills, so one filled through another skill is dropped here.
            var pick = _random.Next(candidates.Count);
            if (!CanTake(candidates[pick], channel))
            {
                RemoveAt(candidates, pick);
                continue;
            }

            var other = _random.Next(candidates.Count);
            if (!CanTake(candidates[other], channel))
            {
                RemoveAt(candidates, other);
                continue;
            }

            return IsLessLoaded(candidates[other], candidates[pick], channel) ? candidates[other] : candidates[pick];
        }

        return null;
    }

    private static void RemoveAt(List<OperatorState> list, int index)
    {
        list[index] = list[^1];
        list.RemoveAt(list.Count - 1);
    }

    private void Answer(OperatorState op, Channel channel, StatisticCell cell, long waitedTicks, bool fromQueue)
    {
        var model = Models[(int)channel];
        var handle = HandleTicks(channel);
        Assign(op, channel, handle);
        var waited = waitedTicks * _tickSeconds;
        ref var counters = ref _statistics.Contact(cell);
        if (fromQueue)
        {
            counters.QueueAnswered++;
            counters.QueueWaitSeconds += waited;
        }
        else
        {
            counters.AnsweredDirectly++;
        }

        counters.AnsweredSeconds += waited + _random.Next(model.MinResponseSeconds, model.MaxResponseSeconds + 1);
        counters.HandleSeconds += handle * _tickSeconds;
    }

    private int Pick(double[] cumulative)
    {
        var roll = _random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, roll);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }

    /// <summary>
    /// Demand per skill follows the capacity that serves it (each operator's slots shared among their skills), so no
    /// skill is starved by construction; websites per skill follow the operators who work on them.
    /// </summary>
    private (double[][] Skills, double[][] Websites) DemandWeights()
    {
        var skills = new double[Channels.Count][];
        var websites = new double[_skillIds.Length][];
        for (var c = 0; c < Channels.Count; c++)
        {
            skills[c] = new double[_skillIds.Length];
        }

        for (var s = 0; s < _skillIds.Length; s++)
        {
            websites[s] = new double[_websiteIds.Length];
        }

        foreach (var op in _operators)
        {
            foreach (var channel in Channels.All)
            {
                if (op.Profile.IsEnabled(channel))
                {
                    foreach (var skill in op.SkillIndexes)
                    {
                        skills[(int)channel][skill] += op.Profile.SlotMax(channel) / (double)op.SkillIndexes.Length;
                    }
                }
            }

            foreach (var skill in op.SkillIndexes)
            {
                for (var w = 0; w < _websiteIds.Length; w++)
                {
                    if (((op.WebsiteSet + 1) & (1 << w)) != 0)
                    {
                        websites[skill][w]++;
                    }
                }
            }
        }

        foreach (var weights in skills.Concat(websites))
        {
            for (var i = 1; i < weights.Length; i++)
            {
                weights[i] += weights[i - 1];
            }
        }

        return (skills, websites);
    }

    private void SetArrivalRates(double? contactsPerMinute)
    {
        for (var c = 0; c < Channels.Count; c++)
        {
            var model = Models[c];
            var capacity = _operators.Where(o => o.Profile.IsEnabled((Channel)c) && o.SkillIndexes.Length > 0)
                .Sum(o => o.Profile.SlotMax((Channel)c));
            _ratePerTick[c] = model.TargetOccupancy * capacity * ExpectedConnectedShare / model.MeanHandleTicks;
        }

        if (contactsPerMinute is { } perMinute)
        {
            // The channels keep the shares the roster gives them; only the total changes.
            var automatic = _ratePerTick.Sum();
            var perTick = perMinute * _tickSeconds / 60;
            for (var c = 0; c < Channels.Count; c++)
            {
                _ratePerTick[c] = automatic > 0 ? perTick * _ratePerTick[c] / automatic : 0;
            }
        }
    }

    private static bool IsLessLoaded(OperatorState a, OperatorState b, Channel channel) =>
        (long)a.Slots[(int)channel] * b.Profile.SlotMax(channel) < (long)b.Slots[(int)channel] * a.Profile.SlotMax(channel);

    private static void ThrowIfInvalid(SimulatorFaults faults)
    {
        var errors = faults.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(' ', errors), nameof(faults));
        }
    }

    private void Assign(OperatorState op, Channel channel, int ticks)
    {
        op.Slots[(int)channel]++;
        op.Conversations++;
        var id = ++_lastConversationId;
        _conversations.Add(new Conversation(op, channel, _tick + ticks, op.Session, id));
        Emit(SimulatorEventKind.ConversationPushed, op, channel, id);
    }

    private int HandleTicks(Channel channel)
    {
        var model = Models[(int)channel];
        return _random.Next(model.MinHandleTicks, model.MaxHandleTicks + 1);
    }

    private int Poisson(double rate)
    {
        if (rate < 30)
        {
            var threshold = Math.Exp(-rate);
            var count = 0;
            for (var product = _random.NextDouble(); product > threshold; product *= _random.NextDouble())
            {
                count++;
            }

            return count;
        }

        // Knuth's method underflows for large rates; the normal approximation is good there.
        var gaussian = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return Math.Max(0, (int)Math.Round(rate + (Math.Sqrt(rate) * gaussian)));
    }

    private sealed record ChannelModel(
        double TargetOccupancy, int MinHandleTicks, int MaxHandleTicks, int MinResponseSeconds, int MaxResponseSeconds, bool HasQueue)
    {
        public double MeanHandleTicks => (MinHandleTicks + MaxHandleTicks) / 2.0;
    }

    private readonly record struct Conversation(OperatorState Operator, Channel Channel, long EndsAt, int Session, long Id);

    private readonly record struct WaitingContact(long ArrivedAt, long GivesUpAt, StatisticCell Cell);

    private sealed class OperatorState(OperatorProfile profile, Dictionary<int, int> skillIndex, Dictionary<int, int> websiteIndex)
    {
        public OperatorProfile Profile { get; } = profile;

        public int[] SkillIndexes { get; } = [.. profile.SkillList.Where(skillIndex.ContainsKey).Select(id => skillIndex[id])];

        // Index of the set of websites the operator works on (bit mask - 1), the unit presence is counted in.
        public int WebsiteSet { get; } = Math.Max(1, profile.WebsiteList.Where(websiteIndex.ContainsKey).Aggregate(0, (mask, id) => mask | (1 << websiteIndex[id]))) - 1;

        // From the id rather than the generator, so adding shifts did not reshuffle every seeded roster.
        public int ShiftStart { get; } = ShiftStarts[(int)((uint)profile.Id * 2_654_435_761u % (uint)ShiftStarts.Length)];

        public long Conversations { get; set; }

        public bool EverLoggedIn { get; set; }

        public bool Connected { get; set; }

        // Bumped on disconnect so the conversations of an ended session are recognised as gone.
        public int Session { get; set; }

        public long BreakEndsAt { get; set; } = NoBreak;

        public int[] Slots { get; } = new int[Channels.Count];

        public Wish[] Wishes { get; } = [Wish.Unavailable, Wish.Unavailable, Wish.Unavailable];
    }
}
