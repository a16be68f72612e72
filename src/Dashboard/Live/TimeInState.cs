namespace Dashboard.Live;

/// <summary>A channel's status and when it began, as kept across restarts (see <see cref="TimeInStateFile"/>).</summary>
public sealed record PersistedStart(int OperatorId, ChannelKind Channel, ChannelStatus Status, DateTimeOffset Since);

/// <summary>
/// Carries what the dashboard knows of each channel and the upstream does not say, from one state of an operator to the
/// next: <see cref="ChannelState.Since"/> and a switch turned off while busy (<see cref="ChannelState.SwitchedOff"/>).
/// Pure: the time is the change set's, handed in.
/// </summary>
internal static class TimeInState
{
    /// <summary>
    /// <paramref name="current"/> with the start of each channel's status: kept from <paramref name="previous"/> while the
    /// status holds, <paramref name="at"/> when it changed; for an operator not seen before (no previous), the persisted
    /// start when the status is still the persisted one, else unknown. Switches are kept from <paramref name="previous"/>
    /// (see <see cref="ChannelState.KeepingSwitchOf"/>), unless <paramref name="switchesAsTold"/>: a verified change says
    /// them. Answers <paramref name="current"/> itself when it already says all that, so the common case allocates nothing.
    /// </summary>
    public static OperatorState Stamp(
        OperatorState current, OperatorState? previous, DateTimeOffset at, IReadOnlyDictionary<(int, ChannelKind), PersistedStart>? persisted, bool switchesAsTold)
    {
        var chat = Stamp(current, previous, ChannelKind.Chat, at, persisted, switchesAsTold);
        var call = Stamp(current, previous, ChannelKind.Call, at, persisted, switchesAsTold);
        var video = Stamp(current, previous, ChannelKind.Video, at, persisted, switchesAsTold);
        return ReferenceEquals(chat, current.Chat) && ReferenceEquals(call, current.Call) && ReferenceEquals(video, current.Video)
            ? current
            : current with { Chat = chat, Call = call, Video = video };
    }

    private static ChannelState Stamp(
        OperatorState current, OperatorState? previous, ChannelKind channel, DateTimeOffset at, IReadOnlyDictionary<(int, ChannelKind), PersistedStart>? persisted, bool switchesAsTold)
    {
        var state = current[channel];
        DateTimeOffset? since;
        if (previous is not null)
        {
            var before = previous[channel];
            if (before.Equals(state))
            {
                // Unchanged channel of a changed operator: the stored instance already carries its start, and its switch
                // unless a verified change turned it.
                return switchesAsTold && before.SwitchedOff != state.SwitchedOff ? before with { SwitchedOff = state.SwitchedOff } : before;
            }

            since = before.Status == state.Status ? before.Since : at;
            state = switchesAsTold ? state : state.KeepingSwitchOf(before);
        }
        else
        {
            // Seen for the first time: its status may have begun at any time before, unless a previous run saw it begin.
            since = persisted is not null && persisted.TryGetValue((current.Id, channel), out var start) && start.Status == state.Status
                ? start.Since
                : null;
        }

        return since == state.Since ? state : state with { Since = since };
    }
}
