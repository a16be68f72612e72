namespace Dashboard.Live;

/// <summary>Per-channel headline figures.</summary>
/// <param name="Available">Operators who can take a contact on the channel now.</param>
/// <param name="Busy">Operators with every slot of the channel taken.</param>
/// <param name="FreeSlots">Free slots over the available operators.</param>
/// <param name="UsedSlots">Slots in use over the connected operators with the channel enabled.</param>
/// <param name="Capacity">Slots of the connected operators with the channel enabled.</param>
public sealed record ChannelKpis(int Available, int Busy, int FreeSlots, int UsedSlots = 0, int Capacity = 0)
{
    /// <summary>Slots used over slots open, in whole percent (CONTRACT.md's <c>occupancy-*</c>); null when no slot is open.</summary>
    public int? Occupancy => Capacity == 0 ? null : (int)Math.Round(100.0 * UsedSlots / Capacity, MidpointRounding.AwayFromZero);
}

/// <summary>The headline numbers of CONTRACT.md (<c>data-kpi</c> names).</summary>
public sealed record KpiSet(int Operators, int Connected, ChannelKpis Chat, ChannelKpis Call, ChannelKpis Video)
{
    public ChannelKpis this[ChannelKind channel] => channel switch
    {
        ChannelKind.Chat => Chat,
        ChannelKind.Call => Call,
        ChannelKind.Video => Video,
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    /// <summary>The figures of <paramref name="operators"/>, every one counted once.</summary>
    public static KpiSet Compute(IEnumerable<OperatorState> operators)
    {
        var tally = new KpiTally();
        foreach (var op in operators)
        {
            tally.Add(op);
        }

        return tally.ToKpiSet();
    }
}

/// <summary>
/// Adds operators up, one at a time, into a <see cref="KpiSet"/>. The headline band adds the operators it shows to one
/// tally; the team breakdown adds each operator to the tally of each of its teams, in the same single pass. One rule of
/// what counts where, so that a team's figures and the headline's never disagree.
/// </summary>
public sealed class KpiTally
{
    // Per channel, side by side: available operators, busy operators, free slots, slots used, slots open.
    private const int PerChannel = 5;

    private readonly int[] _counts = new int[PerChannel * 3];
    private int _operators;
    private int _connected;

    public void Add(OperatorState op)
    {
        _operators++;
        if (op.Connected)
        {
            _connected++;
        }

        foreach (var channel in ChannelKinds.All)
        {
            var state = op[channel];
            var at = (int)channel * PerChannel;
            if (state.Status == ChannelStatus.Available)
            {
                _counts[at]++;
                _counts[at + 2] += state.FreeSlots;
            }
            else if (state.Status == ChannelStatus.Busy)
            {
                _counts[at + 1]++;
            }

            if (op.Connected && state.Enabled)
            {
                _counts[at + 3] += state.Slots;
                _counts[at + 4] += state.MaxSlots;
            }
        }
    }

    public KpiSet ToKpiSet() => new(_operators, _connected, Channel(ChannelKind.Chat), Channel(ChannelKind.Call), Channel(ChannelKind.Video));

    private ChannelKpis Channel(ChannelKind channel)
    {
        var at = (int)channel * PerChannel;
        return new ChannelKpis(_counts[at], _counts[at + 1], _counts[at + 2], _counts[at + 3], _counts[at + 4]);
    }
}
