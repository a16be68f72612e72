using System.Collections.Immutable;
using Dashboard.Demand;
using Dashboard.Live;

namespace Dashboard.Tests.Demand;

/// <summary>Demand figures for tests: every channel's measured figures at zero unless told otherwise.</summary>
internal sealed class DemandBuilder
{
    private readonly Dictionary<(ChannelKind, DemandIndicator), double?> _values = [];
    private DateTimeOffset _since = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    public static DemandBuilder Today(DateTimeOffset since) => new() { _since = since };

    public DemandBuilder With(ChannelKind channel, DemandIndicator indicator, double? value)
    {
        _values[(channel, indicator)] = value;
        return this;
    }

    public DemandFigures Build()
    {
        ChannelDemand For(ChannelKind channel) => new(channel, [.. DemandIndicators.All.Select(i =>
            _values.TryGetValue((channel, i), out var value) ? value : i.IsMeasuredOn(channel) ? 0 : (double?)null)]);
        return new DemandFigures(_since, For(ChannelKind.Chat), For(ChannelKind.Call), For(ChannelKind.Video));
    }
}
