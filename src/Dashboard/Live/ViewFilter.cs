namespace Dashboard.Live;

/// <summary>
/// What a person narrowed the view to; lives in the page's query string (<c>q</c>, <c>group</c>, <c>skill</c>,
/// <c>website</c>, <c>channel</c>, <c>state</c>) so that a filtered view can be bookmarked or put on a wall screen. Pure.
/// </summary>
public sealed record ViewFilter(
    string? Text = null, string? Group = null, ChannelKind? Channel = null, ChannelStatus? State = null, string? Skill = null, string? Website = null)
{
    public static readonly ViewFilter None = new();

    public bool IsEmpty => this == None;

    /// <summary>Reads the query-string values; unknown channel or state names are ignored rather than hiding everyone.</summary>
    public static ViewFilter Parse(string? text, string? group, string? channel, string? state, string? skill = null, string? website = null) => new(
        Clean(text),
        Clean(group),
        ChannelKinds.FromWire(channel),
        Enum.GetValues<ChannelStatus>().Cast<ChannelStatus?>().FirstOrDefault(s => string.Equals(s!.Value.ToWire(), state?.Trim(), StringComparison.OrdinalIgnoreCase)),
        Clean(skill),
        Clean(website));

    /// <summary>
    /// The query string that carries this filter (with its <c>?</c>; empty when no filter is set), in the names the pages
    /// and <c>/export/operators.csv</c> read.
    /// </summary>
    public string ToQueryString() => QueryString.Create(
        new KeyValuePair<string, string?>[]
        {
            new("q", Text), new("group", Group), new("skill", Skill), new("website", Website),
            new("channel", Channel?.ToWire()), new("state", State?.ToWire()),
        }.Where(pair => pair.Value is not null)).ToString();

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public bool Matches(OperatorState op)
    {
        if (Text is { } text && !(Contains(op.Name, text) || Contains(op.Pseudo, text) || Contains(op.Email, text) || Contains(op.ExternalId, text)))
        {
            return false;
        }

        // "No group" (and "No skill", "No website") keeps the operators with none, as the breakdown's row of that name.
        if (Group is { } group && !TeamKind.Group.Includes(op, group))
        {
            return false;
        }

        if (Skill is { } skill && !TeamKind.Skill.Includes(op, skill))
        {
            return false;
        }

        if (Website is { } website && !TeamKind.Website.Includes(op, website))
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
