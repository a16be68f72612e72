using Dashboard.Live;

namespace Dashboard.Tests;

/// <summary>Small builders for test data: an operator is available on chat unless told otherwise.</summary>
internal sealed class OperatorBuilder
{
    private int _id = 1;
    private string _name = "Alice Martin";
    private string? _group = "Support";
    private bool _connected = true;
    private ChannelState _chat = Channel(enabled: true, available: true, slots: 0, max: 3);
    private ChannelState _call = Channel(enabled: false);
    private ChannelState _video = Channel(enabled: false);

    public static OperatorBuilder An(int id) => new OperatorBuilder { _id = id, _name = $"Operator {id:D3}" };

    public OperatorBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public OperatorBuilder InGroup(string? group)
    {
        _group = group;
        return this;
    }

    public OperatorBuilder Offline()
    {
        _connected = false;
        return this;
    }

    public OperatorBuilder WithChat(bool enabled = true, bool available = true, int slots = 0, int max = 3)
    {
        _chat = Channel(enabled, available, slots, max);
        return this;
    }

    public OperatorBuilder WithCall(bool enabled = true, bool available = true, int slots = 0, int max = 1)
    {
        _call = Channel(enabled, available, slots, max);
        return this;
    }

    public OperatorBuilder WithVideo(bool enabled = true, bool available = true, int slots = 0, int max = 1)
    {
        _video = Channel(enabled, available, slots, max);
        return this;
    }

    public OperatorState Build()
    {
        ChannelState Connected(ChannelState channel) => _connected
            ? channel
            : ChannelState.From(false, channel.Enabled, false, false, 0, channel.MaxSlots);
        return new OperatorState(_id, _name, null, null, null, _group, _connected, Connected(_chat), Connected(_call), Connected(_video));
    }

    public static implicit operator OperatorState(OperatorBuilder builder) => builder.Build();

    private static ChannelState Channel(bool enabled, bool available = false, int slots = 0, int max = 1)
    {
        var busy = enabled && max > 0 && slots >= max;
        return ChannelState.From(true, enabled, available && !busy, busy, slots, max);
    }
}

internal static class Snapshots
{
    public static Snapshot Of(params OperatorState[] operators) => new(1, DateTimeOffset.UnixEpoch, operators);
}
