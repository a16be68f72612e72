using Dashboard.Live;

namespace Dashboard.Commands;

/// <summary>
/// Why a change will not be sent: it is impossible (an offline operator cannot be made available, a channel not enabled
/// cannot be switched), or pointless (the operator is already so). <see cref="Reason"/> is the few words a bulk preview lists;
/// <see cref="Sentence"/> is what a single change answers.
/// </summary>
public sealed record ChangeObstacle(bool Pointless, string Reason, string Sentence);

/// <summary>
/// The one set of rules for whether an availability change is worth sending. Single changes (the grid, the details page,
/// the hub) check it under the operator's lock just before sending; bulk changes check it in their preview, then each item
/// again through the single path.
/// </summary>
public static class ChangeRules
{
    public static ChangeObstacle? ForChannel(OperatorState op, ChannelKind channel, bool available)
    {
        var wire = channel.ToWire();
        var state = op[channel];
        var already = state.SwitchedOff
            ? $"{op.Name} is already switched off on {wire}, busy until the contacts in hand end."
            : $"{op.Name} is already {state.Status.ToWire()} on {wire}.";
        return (op.Connected, state.Enabled, available) switch
        {
            (false, _, true) => new(false, "offline: cannot be made available", $"{op.Name} is offline: an offline operator cannot be made available."),
            (false, _, false) => new(true, "offline", already),
            (true, false, _) => new(false, $"{wire} not enabled", $"The {wire} channel is not enabled for {op.Name}."),
            // Busy counts as taking contacts (switched on, every slot in use) unless a person switched it off meanwhile.
            (true, true, true) when state.IsTakingContacts => new(true, "already available", already),
            (true, true, false) when !state.IsTakingContacts => new(true, "already unavailable", already),
            _ => null,
        };
    }

    public static ChangeObstacle? ForDisconnect(OperatorState op) =>
        op.Connected ? null : new(true, "already offline", $"{op.Name} is already offline.");
}
