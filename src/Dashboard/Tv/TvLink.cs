namespace Dashboard.Tv;

/// <summary>
/// A named, revocable ticket that opens <c>/tv</c> on a wall screen with no sign-in. Only the SHA-256 hash of its token
/// is kept: the token itself is shown once, to the Manager who made it, inside the link's URL.
/// </summary>
public sealed class TvLink
{
    public const int MaxNameLength = 100;

    public const int MaxSettingsLength = 2000;

    public long Id { get; set; }

    /// <summary>What the Manager called it ("Support floor TV").</summary>
    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The <c>/tv</c> query string the link is bound to (<see cref="TvSettings.ToQueryString"/>).</summary>
    public required string Settings { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>When a screen last opened or kept the link (updated at most once a minute).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
