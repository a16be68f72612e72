namespace Dashboard.Live;

/// <summary>
/// What a person narrowed the view to; lives in the page's query string (<c>q</c>, <c>group</c>, <c>channel</c>,
/// <c>state</c>) so that a filtered view can be bookmarked or put on a wall screen. Pure.
/// </summary>
public sealed record ViewFilter(string? Text = null, string? Group = null, ChannelKind? Channel = null, ChannelStatus? State = null)
{
    public static readonly ViewFilter None = new();

    public bool IsEmpty => this == None;

    /// <summary>Reads the query-string values; unknown channel or state names are ignored rather than hiding everyone.</summary>
    public static ViewFilter Parse(string? text, string? group, string? channel, string? state) => new(
        string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        string.IsNullOrWhiteSpace(group) ? null : group.Trim(),
        ChannelKinds.All.Cast<ChannelKind?>().FirstOrDefault(c => string.Equals(c!.Value.ToWire(), channel?.Trim(), StringComparison.OrdinalIgnoreCase)),
        Enum.GetValues<ChannelStatus>().Cast<ChannelStatus?>().FirstOrDefault(s => string.Equals(s!.Value.ToWire(), state?.Trim(), StringComparison.OrdinalIgnoreCase)));

    public bool Matches(OperatorState op)
    {
        if (Text is { } text && !(Contains(op.Name, text) || Contains(op.Pseudo, text) || Contains(op.Email, text) || Contains(op.ExternalId, text)))
        {
            return false;
        }

        if (Group is { } group && !string.Equals(op.Group, group, StringComparison.CurrentCultureIgnoreCase))
        {
            return false;
        }

        // A channel alone keeps the operators who can work on it; with a state, that channel must be in that state.
        return (Channel, State) switch
        {
            ({ } channel, { } state) => op[channel].Status == state,
            ({ } channel, null) => op[channel].Enabled,
            (null, { } state) => ChannelKinds.All.Any(c => op[c].Status == state),
            _ => true,
        };
    }

    private static bool Contains(string? value, string text) => value?.Contains(text, StringComparison.CurrentCultureIgnoreCase) == true;
}
