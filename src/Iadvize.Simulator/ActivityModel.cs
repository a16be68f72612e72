using Iadvize.Simulator.Webhooks;

namespace Iadvize.Simulator;

/// <summary>
/// How the platform lives from tick to tick: conversations end, operators log in and out, take breaks and follow their
/// shifts, and contacts arrive and are answered, queued or missed (see the Contacts part). Not thread-safe on purpose:
/// <see cref="SimulatedPlatform"/> holds its lock around every call. Draws from the platform's seeded generator, in a
/// fixed order, so a seed and a sequence of calls always give the same activity.
/// </summary>
internal sealed partial class ActivityModel
{
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

    private readonly Roster _roster;
    private readonly Random _random;
    private readonly List<Conversation> _conversations = [];
    private readonly long _originTicks;
    private readonly long _tickLength;
    private readonly double _tickSeconds;
    private readonly bool _dayCycle;
    private readonly double _patienceTicks;
    private readonly int _skillCount;
    private readonly int _websiteCount;
    private long _tick;
    private long _lastConversationId;

    public ActivityModel(SimulatorOptions options, DateTimeOffset origin, Roster roster, Random random, int skillCount, int websiteCount)
    {
        _roster = roster;
        _random = random;
        _originTicks = origin.UtcTicks;
        _tickLength = options.TickInterval.Ticks;
        _tickSeconds = options.TickInterval.TotalSeconds;
        _dayCycle = options.DayCycle;
        _patienceTicks = Math.Max(1, options.Patience / options.TickInterval);
        _skillCount = skillCount;
        _websiteCount = websiteCount;

        Statistics = new StatisticsBook(skillCount, websiteCount);
        Statistics.Enter(HourKey);
        var cells = Channels.Count * skillCount;
        _candidates = [.. Enumerable.Range(0, cells).Select(_ => new List<OperatorState>())];
        _inProduction = new int[cells];
        _queues = [.. Enumerable.Range(0, cells).Select(_ => new List<WaitingContact>())];
        (_skillWeights, _websiteWeights) = DemandWeights();
        SetArrivalRates(options.ContactsPerMinute);

        var startHour = HourOfDay;
        foreach (var op in _roster.Operators)
        {
            SeedLiveState(op);
            if (_dayCycle && !InShift(op, startHour))
            {
                _roster.Disconnect(op);
            }
        }
    }

    /// <summary>The simulated clock: the time at start plus one tick interval per <see cref="Step"/>.</summary>
    public DateTimeOffset Now => new(_originTicks + (_tick * _tickLength), TimeSpan.Zero);

    public double TickSeconds => _tickSeconds;

    /// <summary>The hourly aggregates the statistic endpoints read.</summary>
    public StatisticsBook Statistics { get; }

    private long HourKey => (_originTicks + (_tick * _tickLength)) / TimeSpan.TicksPerHour;

    private int HourOfDay => (int)(HourKey % 24);

    /// <summary>
    /// One tick: conversations end, operators come and go, queued visitors are served or give up, new contacts arrive
    /// and are answered, queued or missed. Costs in proportion to operators plus active contacts.
    /// </summary>
    /// <returns>Whether any live state changed.</returns>
    public bool Step()
    {
        _tick++;
        Statistics.Enter(HourKey);
        var changed = EndConversations();
        changed |= MoveOperators();
        changed |= ServeQueues();
        changed |= Arrive();
        return changed;
    }

    /// <summary>Gives the operator one more conversation on the channel if they can take it.</summary>
    public bool StartConversation(OperatorState op, Channel channel)
    {
        if (!Roster.CanTake(op, channel))
        {
            return false;
        }

        Assign(op, channel, HandleTicks(channel));
        return true;
    }

    private static bool InShift(OperatorState op, int hour) => (hour - op.ShiftStart + 24) % 24 < ShiftHours;

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

        _roster.Connect(op);
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
            _roster.StartBreak(op, _tick + _random.Next(5, BreakMaxTicks + 1));
        }
    }

    private bool MoveOperators()
    {
        var changed = false;
        var skills = _skillCount;
        var hour = HourOfDay;
        foreach (var candidates in _candidates)
        {
            candidates.Clear();
        }

        Array.Clear(_inProduction);
        foreach (var op in _roster.Operators)
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
                Statistics.Presence(channel, Statistics.AllSkills, op.WebsiteSet).Add(presence);
                foreach (var skill in op.SkillIndexes)
                {
                    Statistics.Presence(channel, skill, op.WebsiteSet).Add(presence);
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
            return inShift && roll < LoginChance && _roster.Connect(op);
        }

        if (op.BreakEndsAt != Roster.NoBreak && _tick >= op.BreakEndsAt)
        {
            _roster.EndBreak(op);
            return true;
        }

        if (!inShift)
        {
            return roll < OffShiftLogoutChance && _roster.Disconnect(op);
        }

        // Someone a manager set unavailable stays exactly so until set available again.
        if (Array.IndexOf(op.Wishes, Wish.Unavailable) >= 0)
        {
            return false;
        }

        if (roll < LogoutChance)
        {
            return _roster.Disconnect(op);
        }

        return roll < LogoutChance + BreakChance
            && op.BreakEndsAt == Roster.NoBreak
            && _roster.StartBreak(op, _tick + _random.Next(BreakMinTicks, BreakMaxTicks + 1));
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
                _roster.Emit(SimulatorEventKind.ConversationClosed, conversation.Operator, conversation.Channel, conversation.Id);
                continue;
            }

            _conversations[kept++] = conversation;
        }

        _conversations.RemoveRange(kept, _conversations.Count - kept);
        return ended;
    }

    private void Assign(OperatorState op, Channel channel, int ticks)
    {
        op.Slots[(int)channel]++;
        op.Conversations++;
        var id = ++_lastConversationId;
        _conversations.Add(new Conversation(op, channel, _tick + ticks, op.Session, id));
        _roster.Emit(SimulatorEventKind.ConversationPushed, op, channel, id);
    }

    private readonly record struct Conversation(OperatorState Operator, Channel Channel, long EndsAt, int Session, long Id);
}
