namespace Dashboard.Preferences;

/// <summary>
/// A named set of the dashboard's filters, kept for the person who saved it. Points at the person's
/// <see cref="UserPreference"/> row; names are unique per person whatever their case ("Sales" and "sales" are one view).
/// </summary>
public sealed class SavedView
{
    public const int MaxNameLength = 80;

    /// <summary>Longer than any real filter: names of a group, a skill and a website, a search text and four short values.</summary>
    public const int MaxQueryLength = 2000;

    /// <summary>A menu longer than this is no longer read; past it the person tidies up first.</summary>
    public const int MaxPerPerson = 50;

    public long Id { get; set; }

    public required string UserKey { get; set; }

    /// <summary>As the person typed it, trimmed.</summary>
    public required string Name { get; set; }

    /// <summary>Upper-case <see cref="Name"/>: what the uniqueness is checked on.</summary>
    public required string NormalizedName { get; set; }

    /// <summary>The query string of <c>/</c> it opens (<see cref="SavedViewQuery.Canonical"/>), with its leading "?".</summary>
    public required string Query { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static string Normalize(string name) => name.ToUpperInvariant();
}
