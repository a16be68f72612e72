namespace Dashboard.Audit;

/// <summary>What became of an audited change. An entry without one is still in flight (or was, when the app stopped).</summary>
public enum AuditOutcome
{
    /// <summary>The upstream accepted the change and the read-back shows it.</summary>
    Succeeded,

    /// <summary>The upstream refused it, or the read-back does not show it.</summary>
    Failed,

    /// <summary>The dashboard's own checks refused it; nothing was sent.</summary>
    Refused,

    /// <summary>Sent (or about to be) but its answer was never recorded, for instance because the app stopped.</summary>
    Unknown,
}

/// <summary>One availability change someone asked for: the intent, written before the PUT, then its completion.</summary>
public sealed class AuditEntry
{
    /// <summary>Column sizes. PostgreSQL refuses longer text (SQLite does not), so the trail cuts what it cannot choose.</summary>
    public const int MaxActorLength = 200;

    public const int MaxOperatorNameLength = 300;

    public const int MaxMessageLength = 2000;

    public long Id { get; set; }

    public required string Actor { get; set; }

    /// <summary>Where the request came from: <c>page</c>, <c>hub</c> or <c>bulk</c>.</summary>
    public required string Via { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public int OperatorId { get; set; }

    public required string OperatorName { get; set; }

    /// <summary><c>chat</c>, <c>call</c>, <c>video</c>, or <c>offline</c> for a forced disconnection.</summary>
    public required string Channel { get; set; }

    public required string FromState { get; set; }

    public required string ToState { get; set; }

    public AuditOutcome? Outcome { get; set; }

    public string? Message { get; set; }

    public string? VerifiedState { get; set; }

    public long? DurationMs { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>
    /// The app instance that wrote the intent (<see cref="AuditOptions.InstanceName"/>): at start an instance closes only its
    /// own unfinished entries, so that several instances can share one database.
    /// </summary>
    public string? Instance { get; set; }
}
