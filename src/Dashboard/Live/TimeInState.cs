namespace Dashboard.Live;

/// <summary>A channel's status and when it began, as kept across restarts (see <see cref="TimeInStateFile"/>).</summary>
public sealed record PersistedStart(int OperatorId, ChannelKind Channel, ChannelStatus Status, DateTimeOffset Since);

/// <summary>
/// Carries each channel's <see cref="ChannelState.Since"/> from one state of an operator to the next. Pure: the time is
/// the change set's, handed in.
/// </summary>
internal static class TimeInState
{
    /// <summary>
    /// <paramref name="current"/> with the start of each channel's status: kept from <paramref name="previous"/> while the
    /// status holds, <paramref name="at"/> when it changed; for an operator not seen before (no previous), the persisted
    /// start when the status is still the persisted one, else unknown. Answers <paramref name="current"/> itself when it
    /// already says all that, so the common case allocates nothing.
    /// </summary>
    public static OperatorState Stamp(OperatorState current, OperatorState? previous, DateTimeOffset at, IReadOnlyDictionary<(int, ChannelKind), PersistedStart>? persisted)
    {
        var chat = Stamp(current, previous, ChannelKind.Chat, at, persisted);
        var call = Stamp(current, previous, ChannelKind.Call, at, persisted);
        var video = Stamp(current, previous, ChannelKind.Video, at, persisted);
        return ReferenceEquals(chat, current.Chat) && ReferenceEquals(call, current.Call) && ReferenceEquals(video, current.Video)
            ? current
            : current with { Chat = chat, Call = call, Video = video };
    }

    private static ChannelState Stamp(OperatorState current, OperatorState? previous, ChannelKind channel, DateTimeOffset at, IReadOnlyDictionary<(int, ChannelKind), PersistedStart>? persisted)
    {
        var state = current[channel];
        DateTimeOffset? since;
        if (previous is not null)
        {
            var before = previous[channel];
            if (before.Equals(state))
            {
                // Unchanged channel of a changed operator: the stored instance already carries its start.
                return before;
            }

            since = before.Status == state.Status ? before.Since : at;
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
