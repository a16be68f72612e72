using System.Diagnostics.CodeAnalysis;
using Iadvize.Simulator.Webhooks;

namespace Iadvize.Simulator;

/// <summary>
/// Every operator of the platform with their live state, and the moves between states (login, logout, availability,
/// breaks) with the events they raise. Not thread-safe on purpose: <see cref="SimulatedPlatform"/> holds its one lock
/// around every use, so that a tick or a request never sees another one half done.
/// </summary>
internal sealed class Roster
{
    public const long NoBreak = -1;

    private readonly Dictionary<int, OperatorState> _byId;
    private Action<SimulatorEvent>? _events;

    public Roster(Population population, IReadOnlyList<int> skillIds, IReadOnlyList<int> websiteIds)
    {
        var skillIndex = skillIds.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        var websiteIndex = websiteIds.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        Operators = [.. population.Operators.Select(profile => new OperatorState(profile, skillIndex, websiteIndex))];
        _byId = Operators.ToDictionary(o => o.Profile.Id);
        Ids = [.. Operators.Select(o => o.Profile.Id)];
    }

    /// <summary>Ascending ids; the roster never changes after construction, so reading it needs no lock.</summary>
    public OperatorState[] Operators { get; }

    public int[] Ids { get; }

    public bool TryFind(int operatorId, [NotNullWhen(true)] out OperatorState? op) => _byId.TryGetValue(operatorId, out op);

    public OperatorState Find(int operatorId) =>
        _byId.TryGetValue(operatorId, out var op)
            ? op
            : throw new ArgumentException($"Unknown operator {operatorId}.", nameof(operatorId));

    public void Observe(Action<SimulatorEvent> sink) => _events += sink;

    // Called under the lock, so events reach the sink in the order they happened. The sink only enqueues: it never
    // blocks a tick or a request.
    public void Emit(SimulatorEventKind kind, OperatorState op, Channel? channel = null, long conversationId = 0) =>
        _events?.Invoke(new SimulatorEvent(kind, op.Profile.Id, channel is { } c ? Channels.Name(c) : null, conversationId));

    public static SimulatedLive Snapshot(OperatorState op) =>
        new(op.Profile.Id, op.Connected, Snapshot(op, Channel.Chat), Snapshot(op, Channel.Call), Snapshot(op, Channel.Video));

    public static bool CanTake(OperatorState op, Channel channel) =>
        op.Connected
        && op.Profile.IsEnabled(channel)
        && op.Wishes[(int)channel] == Wish.Available
        && op.Slots[(int)channel] < op.Profile.SlotMax(channel);

    public static bool SetWish(OperatorState op, Channel channel, bool available)
    {
        var wish = available ? Wish.Available : Wish.Unavailable;
        if (op.Wishes[(int)channel] == wish)
        {
            return false;
        }

        op.Wishes[(int)channel] = wish;
        return true;
    }

    public bool Connect(OperatorState op)
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

    public bool Disconnect(OperatorState op)
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

    /// <summary>Every channel the operator is available on goes on break until the tick <paramref name="endsAt"/>.</summary>
    public bool StartBreak(OperatorState op, long endsAt)
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
            op.BreakEndsAt = endsAt;
            Emit(SimulatorEventKind.AvailabilityUpdated, op);
        }

        return any;
    }

    public void EndBreak(OperatorState op)
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

    private static SimulatedChannel Snapshot(OperatorState op, Channel channel)
    {
        var enabled = op.Profile.IsEnabled(channel);
        var max = op.Profile.SlotMax(channel);
        var slots = op.Slots[(int)channel];
        var busy = max > 0 && slots >= max;
        var available = op.Connected && enabled && op.Wishes[(int)channel] == Wish.Available && !busy;
        return new SimulatedChannel(enabled, slots, max, busy, available);
    }
}

internal enum Wish
{
    Available,
    Unavailable,
    OnBreak,
}

/// <summary>One operator's profile and live state, changed only through <see cref="Roster"/> and the activity model.</summary>
internal sealed class OperatorState(OperatorProfile profile, Dictionary<int, int> skillIndex, Dictionary<int, int> websiteIndex)
{
    // Most shifts cover the morning; none covers the night.
    private static readonly int[] ShiftStarts = [6, 7, 8, 8, 9, 9, 9, 10, 12, 13];

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

    public long BreakEndsAt { get; set; } = Roster.NoBreak;

    public int[] Slots { get; } = new int[Channels.Count];

    public Wish[] Wishes { get; } = [Wish.Unavailable, Wish.Unavailable, Wish.Unavailable];
}
