namespace Dashboard.Auth;

/// <summary>What a signed-in person may do; each role includes everything the one before it may do.</summary>
public enum Role
{
    Viewer,
    Supervisor,
    Manager,
}

/// <summary>A person who may sign in.</summary>
public sealed class Account
{
    public int Id { get; set; }

    public required string UserName { get; set; }

    /// <summary>
    /// The user name in upper case, unique: collations differ between SQLite and PostgreSQL, so case-insensitive
    /// uniqueness is kept by the column rather than by the database's comparison rules.
    /// </summary>
    public string NormalizedUserName { get; set; } = "";

    /// <summary>Written and checked only by ASP.NET Core's <c>PasswordHasher</c>.</summary>
    public string PasswordHash { get; set; } = "";

    public Role Role { get; set; }

    public bool Disabled { get; set; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Changes whenever the role, the password or the disabled flag changes; a sign-in carries the value it was given, so
    /// a sign-in made before such a change stops working at the next request or check rather than when its cookie expires.
    /// </summary>
    public string SecurityStamp { get; set; } = NewStamp();

    /// <summary>When a Manager last changed the account (role, status, password); null if never since it was created.</summary>
    public DateTimeOffset? ChangedAt { get; set; }

    /// <summary>Who made that change.</summary>
    public string? ChangedBy { get; set; }

    /// <summary>Whether the account cannot sign in at <paramref name="now"/> because of failed attempts.</summary>
    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;

    public static string NewStamp() => Guid.NewGuid().ToString("N");

    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();
}
