namespace Dashboard.Audit;

/// <summary>A change as asked, before anything is sent.</summary>
public sealed record AuditIntent(
    CommandActor Actor,
    DateTimeOffset RequestedAt,
    int OperatorId,
    string OperatorName,
    string Channel,
    string FromState,
    string ToState);

/// <summary>How a change ended.</summary>
public sealed record AuditCompletion(AuditOutcome Outcome, string? Message, string? VerifiedState, long DurationMs, DateTimeOffset CompletedAt);

/// <summary>
/// Records every availability change in two steps, so that a change is never sent without a trace: the intent before
/// the PUT, its completion after. An intent never completed is reconciled to <see cref="AuditOutcome.Unknown"/> at start.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Writes the intent; answers the entry's id. If this throws, the change must not be sent.</summary>
    Task<long> BeginAsync(AuditIntent intent, CancellationToken cancellationToken);

    Task CompleteAsync(long id, AuditCompletion completion, CancellationToken cancellationToken);

    /// <summary>Writes a request refused before anything was sent, in one write.</summary>
    Task RefusedAsync(AuditIntent intent, string message, CancellationToken cancellationToken);
}
