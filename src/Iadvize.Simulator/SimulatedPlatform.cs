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

    // How many ticks the arrival rate takes to pull occupancy back to its target.
    private const double RelaxationTicks = 15;

    private static readonly ChannelModel[] Models =
    [
        new(TargetOccupancy: 0.6, MinHandleTicks: 20, MaxHandleTicks: 120),
        new(TargetOccupancy: 0.45, MinHandleTicks: 30, MaxHandleTicks: 180),
        new(TargetOccupancy: 0.35, MinHandleTicks: 30, MaxHandleTicks: 180),
    ];

    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly TimeProvider _timeProvider;
    private readonly OperatorState[] _operators;
    private readonly Dictionary<int, OperatorState> _byId;
    private readonly List<Conversation> _conversations = [];
    private readonly List<OperatorState>[] _candidates = [[], [], []];
    private readonly Queue<RecordedRequest> _requests = new();
    private readonly int[] _operatorIds;
    private long _tick;
    private long _version;

    public SimulatedPlatform(SimulatorOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OperatorCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.OperatorCount, 50_000);
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey);

        ApiKey = options.ApiKey;
        _timeProvider = timeProvider;
        _random = new Random(options.Seed);
        Population = Population.Seed(_random, options.OperatorCount);
        _operators = [.. Population.Operators.Select(profile => new OperatorState(profile))];
        _byId = _operators.ToDictionary(o => o.Profile.Id);
        _operatorIds = [.. _operators.Select(o => o.Profile.Id)];

        foreach (var op in _operators)
        {
            SeedLiveState(op);
        }
    }

    private enum Wish
    {
        Available,
        Unavailable,
        OnBreak,
    }

    public string ApiKey { get; }

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
            if (SetWish(Find(operatorId), parsed, available))
            {
                _version++;
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

    /// <summary>One tick of the activity model: conversations end, operators come and go, new conversations arrive.</summary>
    public void Step()
    {
        lock (_gate)
        {
            _tick++;
            var changed = EndConversations();

            Span<int> capacity = stackalloc int[Channels.Count];
            Span<int> occupied = stackalloc int[Channels.Count];
            foreach (var candidates in _candidates)
            {
                candidates.Clear();
            }

            foreach (var op in _operators)
            {
                changed |= MoveOperator(op);
                if (!op.Connected)
                {
                    continue;
                }

                foreach (var channel in Channels.All)
                {
                    if (!op.Profile.IsEnabled(channel) || op.Wishes[(int)channel] != Wish.Available)
                    {
                        continue;
                    }

                    var max = op.Profile.SlotMax(channel);
                    capacity[(int)channel] += max;
                    occupied[(int)channel] += op.Slots[(int)channel];
                    if (op.Slots[(int)channel] < max)
                    {
                        _candidates[(int)channel].Add(op);
                    }
                }
            }

            foreach (var channel in Channels.All)
            {
                changed |= Arrive(channel, capacity[(int)channel], occupied[(int)channel]);
            }

            if (changed)
            {
                _version++;
            }
        }
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

    private static bool ConnectCore(OperatorState op)
    {
        if (op.Connected)
        {
            return false;
        }

        op.Connected = true;
        op.EverLoggedIn = true;
        op.BreakEndsAt = NoBreak;
        Array.Fill(op.Wishes, Wish.Available);
        return true;
    }

    private static bool DisconnectCore(OperatorState op)
    {
        var wasConnected = op.Connected;
        op.Connected = false;
        op.BreakEndsAt = NoBreak;
        Array.Fill(op.Wishes, Wish.Unavailable);
        // Ending the session frees the slots now; the conversations it owned are dropped lazily by the next
        // tick, which keeps a disconnect O(1) at any size.
        op.Session++;
        Array.Clear(op.Slots);
        return wasConnected;
    }

    private static void EndBreak(OperatorState op)
    {
        op.BreakEndsAt = NoBreak;
        for (var c = 0; c < Channels.Count; c++)
        {
            if (op.Wishes[c] == Wish.OnBreak)
            {
                op.Wishes[c] = Wish.Available;
            }
        }
    }

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

    private bool MoveOperator(OperatorState op)
    {
        // Operators who never logged in stay that way until Connect() is called: the API hides them.
        if (!op.EverLoggedIn)
        {
            return false;
        }

        var roll = _random.NextDouble();
        if (!op.Connected)
        {
            return roll < LoginChance && ConnectCore(op);
        }

        if (op.BreakEndsAt != NoBreak && _tick >= op.BreakEndsAt)
        {
            EndBreak(op);
            return true;
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
                continue;
            }

            _conversations[kept++] = conversation;
        }

        _conversations.RemoveRange(kept, _conversations.Count - kept);
        return ended;
    }

    private bool Arrive(Channel channel, int capacity, int occupied)
    {
        var model = Models[(int)channel];
        var target = model.TargetOccupancy * capacity;
        // Steady inflow that matches the outflow at the target, plus a pull back towards the target.
        var rate = (target / model.MeanHandleTicks) + ((target - occupied) / RelaxationTicks);
        if (rate <= 0)
        {
            return false;
        }

        var arrivals = Poisson(rate);
        var candidates = _candidates[(int)channel];
        var any = false;
        for (var n = 0; n < arrivals && candidates.Count > 0; n++)
        {
            // Best of two random picks: prefers the least loaded without sorting anyone.
            var pick = _random.Next(candidates.Count);
            var other = _random.Next(candidates.Count);
            if (IsLessLoaded(candidates[other], candidates[pick], channel))
            {
                pick = other;
            }

            var op = candidates[pick];
            Assign(op, channel, HandleTicks(channel));
            any = true;
            if (op.Slots[(int)channel] >= op.Profile.SlotMax(channel))
            {
                candidates[pick] = candidates[^1];
                candidates.RemoveAt(candidates.Count - 1);
            }
        }

        return any;
    }

    private static bool IsLessLoaded(OperatorState a, OperatorState b, Channel channel) =>
        (long)a.Slots[(int)channel] * b.Profile.SlotMax(channel) < (long)b.Slots[(int)channel] * a.Profile.SlotMax(channel);

    private void Assign(OperatorState op, Channel channel, int ticks)
    {
        op.Slots[(int)channel]++;
        _conversations.Add(new Conversation(op, channel, _tick + ticks, op.Session));
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

    private sealed record ChannelModel(double TargetOccupancy, int MinHandleTicks, int MaxHandleTicks)
    {
        public double MeanHandleTicks => (MinHandleTicks + MaxHandleTicks) / 2.0;
    }

    private readonly record struct Conversation(OperatorState Operator, Channel Channel, long EndsAt, int Session);

    private sealed class OperatorState(OperatorProfile profile)
    {
        public OperatorProfile Profile { get; } = profile;

        public bool EverLoggedIn { get; set; }

        public bool Connected { get; set; }

        // Bumped on disconnect so the conversations of an ended session are recognised as gone.
        public int Session { get; set; }

        public long BreakEndsAt { get; set; } = NoBreak;

        public int[] Slots { get; } = new int[Channels.Count];

        public Wish[] Wishes { get; } = [Wish.Unavailable, Wish.Unavailable, Wish.Unavailable];
    }
}
