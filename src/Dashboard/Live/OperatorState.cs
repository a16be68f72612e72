namespace Dashboard.Live;

/// <summary>The dashboard's channels (its own, not the client's: components never see wire types).</summary>
public enum ChannelKind
{
    Chat,
    Call,
    Video,
}

/// <summary>What a channel means for a supervisor right now; the names are the <c>data-state</c> values of CONTRACT.md.</summary>
public enum ChannelStatus
{
    /// <summary>Can take a contact now.</summary>
    Available,

    /// <summary>Every slot is taken.</summary>
    Busy,

    /// <summary>Connected, enabled, not busy, not available.</summary>
    Unavailable,

    /// <summary>The channel is not enabled for the operator.</summary>
    Disabled,

    /// <summary>The operator is not connected.</summary>
    Offline,
}

/// <summary>A set of channels, e.g. those that changed.</summary>
[Flags]
public enum ChannelMask
{
    None = 0,
    Chat = 1,
    Call = 2,
    Video = 4,
}

public static class ChannelKinds
{
    public static readonly IReadOnlyList<ChannelKind> All = [ChannelKind.Chat, ChannelKind.Call, ChannelKind.Video];

    public static ChannelMask ToMask(this ChannelKind channel) => (ChannelMask)(1 << (int)channel);

    public static string ToWire(this ChannelKind channel) => channel switch
    {
        ChannelKind.Chat => "chat",
        ChannelKind.Call => "call",
        ChannelKind.Video => "video",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    /// <summary>The channel a wire name (<c>chat</c>, <c>call</c>, <c>video</c>, any case) stands for; null for anything else.</summary>
    public static ChannelKind? FromWire(string? wire) =>
        All.Cast<ChannelKind?>().FirstOrDefault(c => string.Equals(c!.Value.ToWire(), wire?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string ToWire(this ChannelStatus status) => status switch
    {
        ChannelStatus.Available => "available",
        ChannelStatus.Busy => "busy",
        ChannelStatus.Unavailable => "unavailable",
        ChannelStatus.Disabled => "disabled",
        ChannelStatus.Offline => "offline",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The state as people read it.</summary>
    public static string ToLabel(this ChannelStatus status) => status switch
    {
        ChannelStatus.Available => "Available",
        ChannelStatus.Busy => "Busy",
        ChannelStatus.Unavailable => "Unavailable",
        ChannelStatus.Disabled => "Not enabled",
        _ => "Offline",
    };

    /// <summary>The channel as people read it.</summary>
    public static string ToLabel(this ChannelKind channel) => channel switch
    {
        ChannelKind.Chat => "Chat",
        ChannelKind.Call => "Call",
        _ => "Video",
    };
}

/// <summary>One channel of one operator.</summary>
/// <remarks>
/// <c>Since</c> is when <c>Status</c> began: the time of the change set that first showed it, or null while no transition
/// has been seen. <c>SwitchedOff</c>: a person switched the channel off while every slot was taken; iAdvize reports a full
/// channel as busy and not available whether it is switched on or off, so only the dashboard knows, from the verified
/// change, until the contacts end and the upstream can tell again. Both are set by <see cref="AvailabilityStore"/> and
/// the commands only (the upstream does not say them), so they are left out of equality: a fresh state from the poller
/// equals the stored one it repeats, and the diff stays quiet.
/// </remarks>
public sealed record ChannelState(
    bool Enabled, bool Available, bool Busy, int Slots, int MaxSlots, ChannelStatus Status, DateTimeOffset? Since = null, bool SwitchedOff = false)
{
    public static readonly ChannelState Offline = new(false, false, false, 0, 0, ChannelStatus.Offline);

    /// <summary>Derives the status the way CONTRACT.md defines it: offline, then disabled, then busy, then available.</summary>
    public static ChannelState From(bool connected, bool enabled, bool available, bool busy, int slots, int maxSlots)
    {
        var status = !connected ? ChannelStatus.Offline
            : !enabled ? ChannelStatus.Disabled
            : busy ? ChannelStatus.Busy
            : available ? ChannelStatus.Available
            : ChannelStatus.Unavailable;
        return new ChannelState(enabled, available, busy, slots, maxSlots, status);
    }

    public int FreeSlots => Status == ChannelStatus.Available ? Math.Max(0, MaxSlots - Slots) : 0;

    /// <summary>
    /// Whether the operator is switched on for this channel: available, or busy (iAdvize reports a busy channel as not
    /// available only because every slot is taken) unless a person switched it off meanwhile. The switch shows this.
    /// </summary>
    public bool IsTakingContacts => Status is ChannelStatus.Available || (Status is ChannelStatus.Busy && !SwitchedOff);

    /// <summary>
    /// This channel as a person's verified change of its switch left it: switched off while busy is remembered (see
    /// <see cref="SwitchedOff"/>); any other outcome is what the upstream says.
    /// </summary>
    public ChannelState AfterSwitch(bool available)
    {
        var switchedOff = !available && Status == ChannelStatus.Busy;
        return switchedOff == SwitchedOff ? this : this with { SwitchedOff = switchedOff };
    }

    /// <summary>
    /// This (newer) state with what the dashboard knew of the channel in <paramref name="previous"/> that the upstream does
    /// not say: a switch turned off stays off while the channel stays busy; once it is not, the upstream can tell.
    /// </summary>
    public ChannelState KeepingSwitchOf(ChannelState previous)
    {
        var switchedOff = previous.SwitchedOff && Status == ChannelStatus.Busy;
        return switchedOff == SwitchedOff ? this : this with { SwitchedOff = switchedOff };
    }

    // Every member but Since and SwitchedOff: a member added to the record must be added here too.
    public bool Equals(ChannelState? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Enabled == other.Enabled
            && Available == other.Available
            && Busy == other.Busy
            && Slots == other.Slots
            && MaxSlots == other.MaxSlots
            && Status == other.Status);

    public override int GetHashCode() => HashCode.Combine(Enabled, Available, Busy, Slots, MaxSlots, Status);
}

/// <summary>One operator as the dashboard shows it: roster identity joined with live state.</summary>
public sealed record OperatorState(
    int Id,
    string Name,
    string? Pseudo,
    string? Email,
    string? ExternalId,
    string? Group,
    bool Connected,
    ChannelState Chat,
    ChannelState Call,
    ChannelState Video)
{
    /// <summary>The operator's skill names, sorted and joined with ", " (a string, so that records still compare by value).</summary>
    public string? Skills { get; init; }

    /// <summary>The operator's website names, sorted and joined with ", ".</summary>
    public string? Websites { get; init; }

    public ChannelState this[ChannelKind channel] => channel switch
    {
        ChannelKind.Chat => Chat,
        ChannelKind.Call => Call,
        ChannelKind.Video => Video,
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    /// <summary>This operator with <paramref name="state"/> for <paramref name="channel"/>.</summary>
    public OperatorState With(ChannelKind channel, ChannelState state) => channel switch
    {
        ChannelKind.Chat => ReferenceEquals(state, Chat) ? this : this with { Chat = state },
        ChannelKind.Call => ReferenceEquals(state, Call) ? this : this with { Call = state },
        ChannelKind.Video => ReferenceEquals(state, Video) ? this : this with { Video = state },
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    /// <summary>The channels whose switch the dashboard remembers differently from <paramref name="other"/> (see <see cref="ChannelState.SwitchedOff"/>).</summary>
    public ChannelMask SwitchesDifferentFrom(OperatorState other)
    {
        var mask = ChannelMask.None;
        foreach (var channel in ChannelKinds.All)
        {
            if (this[channel].SwitchedOff != other[channel].SwitchedOff)
            {
                mask |= channel.ToMask();
            }
        }

        return mask;
    }

    /// <summary>The channels whose state differs from <paramref name="other"/>'s.</summary>
    public ChannelMask ChannelsDifferentFrom(OperatorState other)
    {
        var mask = ChannelMask.None;
        if (Chat != other.Chat)
        {
            mask |= ChannelMask.Chat;
        }

        if (Call != other.Call)
        {
            mask |= ChannelMask.Call;
        }

        if (Video != other.Video)
        {
            mask |= ChannelMask.Video;
        }

        return mask;
    }
}
