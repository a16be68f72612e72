namespace Dashboard.Live;

/// <summary>Per-channel headline figures.</summary>
public sealed record ChannelKpis(int Available, int Busy, int FreeSlots);

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
        Span<int> available = stackalloc int[3], busy = stackalloc int[3], free = stackalloc int[3];
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
            }
        }

        return new KpiSet(total, connected,
            new ChannelKpis(available[0], busy[0], free[0]),
            new ChannelKpis(available[1], busy[1], free[1]),
            new ChannelKpis(available[2], busy[2], free[2]));
    }
}
