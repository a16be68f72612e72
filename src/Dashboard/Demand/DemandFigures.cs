using System.Collections.Immutable;
using Dashboard.Live;

namespace Dashboard.Demand;

/// <summary>One channel's demand figures, indexed by <see cref="DemandIndicator"/>: null where iAdvize gave none or does not measure it there.</summary>
public sealed record ChannelDemand(ChannelKind Channel, ImmutableArray<double?> Values)
{
    public double? this[DemandIndicator indicator] => Values[(int)indicator];
}

/// <summary>Every channel's demand since <paramref name="Since"/> (the start of the day it describes).</summary>
public sealed record DemandFigures(DateTimeOffset Since, ChannelDemand Chat, ChannelDemand Call, ChannelDemand Video)
{
    public ChannelDemand this[ChannelKind channel] => channel switch
    {
        ChannelKind.Chat => Chat,
        ChannelKind.Call => Call,
        ChannelKind.Video => Video,
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };
}
