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

    public static KpiSet Compute(IEnumerable<OperatorState> operators)
    {
        int total = 0, connected = 0;
        Span<int> available = stackalloc int[3], busy = stackalloc int[3], free = stackalloc int[3], used = stackalloc int[3], capacity = stackalloc int[3];
        foreach (var op in operators)
        {
            total++;
            if (op.Connected)
            {
                connected++;
            }

            foreach (var channel in ChannelKinds.All)
            {
                var state = op[channel];
                var index = (int)channel;
                if (state.Status == ChannelStatus.Available)
                {
                    available[index]++;
                    free[index] += state.FreeSlots;
                }
                else if (state.Status == ChannelStatus.Busy)
                {
                    busy[index]++;
                }

                if (op.Connected && state.Enabled)
                {
                    used[index] += state.Slots;
                    capacity[index] += state.MaxSlots;
                }
            }
        }

        return new KpiSet(total, connected,
            new ChannelKpis(available[0], busy[0], free[0], used[0], capacity[0]),
            new ChannelKpis(available[1], busy[1], free[1], used[1], capacity[1]),
            new ChannelKpis(available[2], busy[2], free[2], used[2], capacity[2]));
    }
}
