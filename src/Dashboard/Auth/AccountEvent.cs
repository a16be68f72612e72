namespace Dashboard.Auth;

/// <summary>
/// One thing a person did, or tried to do, to an account on the accounts page: who, when, to whom, and what came of it.
/// Written in the same save as the change itself, so that no change goes unrecorded; refusals are recorded too.
/// Passwords are never recorded.
/// </summary>
public sealed class AccountEvent
{
    public const string Created = "created";

    public const string RoleChanged = "role changed";

    public const string Disabled = "disabled";

    public const string Enabled = "enabled";

    public const string PasswordReset = "password reset";

    public const string TvLinkCreated = "tv link created";

    public const string TvLinkRevoked = "tv link revoked";

    public const int MaxNameLength = 200;

    public const int MaxMessageLength = 500;

    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The signed-in person who asked (or "anonymous").</summary>
    public required string Actor { get; set; }

    /// <summary>One of the constants above.</summary>
    public required string Action { get; set; }

    /// <summary>The account's user name, or <c>#id</c> when there is no such account.</summary>
    public required string Target { get; set; }

    /// <summary>For a role change, "Viewer → Manager".</summary>
    public string? Detail { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>What the person was told.</summary>
    public required string Message { get; set; }

    /// <summary>A record, with names and message cut to their columns' sizes.</summary>
    public static AccountEvent Of(DateTimeOffset at, string actor, string action, string target, string? detail, bool succeeded, string message) => new()
    {
        At = at,
        Actor = Storage.Columns.Fit(actor, MaxNameLength),
        Action = action,
        Target = Storage.Columns.Fit(target, MaxNameLength),
        Detail = Storage.Columns.Fit(detail, 100),
        Succeeded = succeeded,
        Message = Storage.Columns.Fit(message, MaxMessageLength),
    };
}
