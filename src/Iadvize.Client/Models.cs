namespace Iadvize.Client;

/// <summary>One channel of one operator, as <c>GET /operator/live</c> reports it.</summary>
public sealed record ChannelLive(bool Enabled, int SlotNumber, int SlotMaxNumber, bool Busy, bool Available);

/// <summary>One operator's live state.</summary>
public sealed record OperatorLive(int Id, bool Connected, ChannelLive Chat, ChannelLive Call, ChannelLive Video);

/// <summary>An operator of the roster (<c>GET /operator?full=1</c>).</summary>
public sealed record OperatorDetails(
    int Id,
    string? Name,
    string? FirstName,
    string? Pseudo,
    string? Email,
    string? ExternalId,
    int? GroupId,
    IReadOnlyList<int> SkillIds,
    IReadOnlyList<int> WebsiteIds,
    bool ChatEnabled,
    bool CallEnabled,
    bool VideoEnabled)
{
    /// <summary>The operator's roles in iAdvize (<c>operator</c>, <c>expert</c>, <c>manager</c>, <c>admin</c>).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The languages the operator can answer in, as ISO 639-1 codes.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>"First Last", falling back to the pseudonym, then the id.</summary>
    public string DisplayName
    {
        get
        {
            var full = string.Join(' ', new[] { FirstName, Name }.Where(part => !string.IsNullOrWhiteSpace(part)));
            return full.Length > 0 ? full : !string.IsNullOrWhiteSpace(Pseudo) ? Pseudo : $"Operator {Id}";
        }
    }
}

/// <summary>An operator's counters (<c>GET /operator/{id}/statistic</c>).</summary>
public sealed record OperatorStatistic(int OperatorId, int ConversationNumber, int? Experience);

/// <summary>What an operator says about themselves (<c>GET /operator/{id}/profile</c>).</summary>
public sealed record OperatorProfile(int OperatorId, string? Status, string? Description, string? City, string? Country, string? Facebook, string? Twitter);

/// <summary>A website (project) of the account.</summary>
public sealed record Website(int Id, string Label, string? Url, string? Timezone, string? Currency);

/// <summary>
/// A question to <c>GET /statistic</c>: which indicators (e.g. <c>contact_waiting_number</c>), for which channel and
/// period, optionally per resource (<c>skill</c>, <c>group</c>, <c>operator</c> ...) or per hour/day/month.
/// </summary>
public sealed record StatisticQuery(
    IReadOnlyList<string> Indicators,
    string? Channel = null,
    string? Resource = null,
    int? ResourceId = null,
    IReadOnlyList<int>? WebsiteIds = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Granularity = null)
{
    internal Dictionary<string, string> ToQuery()
    {
        if (Indicators.Count == 0)
        {
            throw new ArgumentException("Ask for at least one indicator.", nameof(Indicators));
        }

        var query = new Dictionary<string, string> { ["filters[indicators]"] = string.Join(',', Indicators) };
        Add(query, "channel", Channel);
        Add(query, "resource", Resource);
        Add(query, "resource_id", ResourceId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(query, "website_list", WebsiteIds is { Count: > 0 } ids ? string.Join(',', ids) : null);
        Add(query, "from", From?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        Add(query, "to", To?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        Add(query, "granularity", Granularity);
        return query;
    }

    private static void Add(Dictionary<string, string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query[$"filters[{name}]"] = value;
        }
    }
}

/// <summary>One row of a statistic answer: the indicators' values (null where the upstream has none), and what the row is about.</summary>
public sealed record StatisticRow(IReadOnlyDictionary<string, double?> Values, string? Resource, int? ResourceId, string? Date);

/// <summary>A group or a skill: both are named nodes of a tree.</summary>
public sealed record NamedNode(int Id, string Name, int? ParentId);

/// <summary>Filters of the operator endpoints (sent as <c>filters[name]=value</c>).</summary>
public sealed record OperatorFilter(int? GroupId = null, int? SkillId = null, int? WebsiteId = null, string? Name = null)
{
    internal Dictionary<string, string>? ToQuery()
    {
        var query = new Dictionary<string, string>();
        if (GroupId is { } group)
        {
            query["filters[group_id]"] = group.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (SkillId is { } skill)
        {
            query["filters[skill_id]"] = skill.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (WebsiteId is { } website)
        {
            query["filters[website_id]"] = website.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!string.IsNullOrEmpty(Name))
        {
            query["filters[name]"] = Name;
        }

        return query.Count == 0 ? null : query;
    }
}

/// <summary>What a <c>PUT /operator/{id}/live</c> asks for: per-channel availability and/or a forced disconnection.</summary>
public sealed record AvailabilityChange(bool? Chat = null, bool? Call = null, bool? Video = null, bool Disconnect = false)
{
    public bool IsEmpty => Chat is null && Call is null && Video is null && !Disconnect;

    /// <summary>The form fields, as iAdvize's own PHP client sends them.</summary>
    internal Dictionary<string, string> ToForm()
    {
        var form = new Dictionary<string, string>();
        if (Chat is { } chat)
        {
            form["chat[available]"] = chat ? "1" : "0";
        }

        if (Call is { } call)
        {
            form["call[available]"] = call ? "1" : "0";
        }

        if (Video is { } video)
        {
            form["video[available]"] = video ? "1" : "0";
        }

        if (Disconnect)
        {
            form["connected"] = "0";
        }

        return form;
    }
}
