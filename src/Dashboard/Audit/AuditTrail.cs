using Dashboard.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Audit;

/// <summary>The audit trail in the dashboard's database.</summary>
public sealed class AuditTrail(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time, IOptions<AuditOptions> options) : IAuditTrail
{
    private readonly AuditOptions _options = options.Value;

    public const string StoppedMessage = "The app stopped before the upstream's answer was recorded.";

    /// <summary>Why an entry another instance left unfinished, or one whose answer could not be written, was closed.</summary>
    public const string AbandonedMessage =
        "No answer was recorded in time: the instance that sent it stopped, or could not write to the database. The change may or may not have reached iAdvize.";

    public async Task<long> BeginAsync(AuditIntent intent, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = ToEntry(intent);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry.Id;
    }

    public async Task CompleteAsync(long id, AuditCompletion completion, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.AuditEntries
            .Where(e => e.Id == id)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(e => e.Outcome, completion.Outcome)
                    .SetProperty(e => e.Message, Columns.Fit(completion.Message, AuditEntry.MaxMessageLength))
                    .SetProperty(e => e.VerifiedState, completion.VerifiedState)
                    .SetProperty(e => e.DurationMs, completion.DurationMs)
                    .SetProperty(e => e.CompletedAt, completion.CompletedAt),
                cancellationToken);
        if (updated == 0)
        {
            throw new InvalidOperationException($"Audit entry {id} does not exist: it cannot be completed.");
        }
    }

    public async Task RefusedAsync(AuditIntent intent, string message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = ToEntry(intent);
        entry.Outcome = AuditOutcome.Refused;
        entry.Message = Columns.Fit(message, AuditEntry.MaxMessageLength);
        entry.DurationMs = 0;
        entry.CompletedAt = time.GetUtcNow();
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Where an entry for changes refused over a person's limit names its operator: it is about none.</summary>
    public const string OverLimitOperator = "(changes over the limit)";

    /// <summary>
    /// Writes the changes <paramref name="actor"/> asked for over their limit in the minute from <paramref name="start"/>
    /// as one refused entry, or (with <paramref name="id"/>) re-counts that entry; answers its id.
    /// </summary>
    public async Task<long> RecordOverLimitAsync(CommandActor actor, DateTimeOffset start, int count, long? id, CancellationToken cancellationToken)
    {
        var message = $"{count} refused attempt{(count == 1 ? "" : "s")} in a minute: more changes asked than the limit allows; none was sent.";
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (id is { } existing)
        {
            await db.AuditEntries.Where(e => e.Id == existing).ExecuteUpdateAsync(
                set => set.SetProperty(e => e.Message, message).SetProperty(e => e.CompletedAt, now),
                cancellationToken);
            return existing;
        }

        var entry = ToEntry(new AuditIntent(actor, start, 0, OverLimitOperator, "", "", ""));
        entry.Outcome = AuditOutcome.Refused;
        entry.Message = message;
        entry.DurationMs = 0;
        entry.CompletedAt = now;
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry.Id;
    }

    /// <summary>
    /// At start: gives the outcome <see cref="AuditOutcome.Unknown"/> to the entries this instance (or a version that did
    /// not record its instance) left without a completion, since nothing of this instance is in flight yet, and to any
    /// abandoned entry (see <see cref="CloseAbandonedAsync"/>). Another instance's change in flight is left alone.
    /// Answers how many.
    /// </summary>
    public Task<int> ReconcileAsync(CancellationToken cancellationToken) => CloseAsync(ownToo: true, cancellationToken);

    /// <summary>
    /// While running: gives the outcome <see cref="AuditOutcome.Unknown"/> to entries of any instance that have waited
    /// longer than <see cref="AuditOptions.PendingTimeout"/> (no change takes that long: their instance stopped).
    /// This instance's changes in flight are younger, and left alone. Answers how many.
    /// </summary>
    public Task<int> CloseAbandonedAsync(CancellationToken cancellationToken) => CloseAsync(ownToo: false, cancellationToken);

    private async Task<int> CloseAsync(bool ownToo, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var abandoned = now - _options.PendingTimeout;
        var instance = _options.InstanceName;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var closed = 0;
        if (ownToo)
        {
            // Nothing of this instance is in flight before it serves anyone: what it left unfinished, it left by stopping.
            closed += await Close(db.AuditEntries.Where(e => e.CompletedAt == null && (e.Instance == instance || e.Instance == null)), StoppedMessage);
        }

        return closed + await Close(db.AuditEntries.Where(e => e.CompletedAt == null && e.RequestedAt < abandoned), AbandonedMessage);

        Task<int> Close(IQueryable<AuditEntry> entries, string message) => entries.ExecuteUpdateAsync(
            set => set
                .SetProperty(e => e.Outcome, AuditOutcome.Unknown)
                .SetProperty(e => e.Message, message)
                .SetProperty(e => e.CompletedAt, now),
            cancellationToken);
    }

    /// <summary>Deletes entries requested before <paramref name="cutoff"/>, and account events as old; answers how many.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.Where(e => e.RequestedAt < cutoff).ExecuteDeleteAsync(cancellationToken)
            + await db.AccountEvents.Where(e => e.At < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    // The upstream's message and operator names are its own, and a sign-in's name may come from elsewhere too: a runaway
    // one must not make the audit write fail, and so refuse the change.
    private AuditEntry ToEntry(AuditIntent intent) => new()
    {
        Instance = _options.InstanceName,
        Actor = Columns.Fit(intent.Actor.Name, AuditEntry.MaxActorLength),
        Via = intent.Actor.Via,
        RequestedAt = intent.RequestedAt,
        OperatorId = intent.OperatorId,
        OperatorName = Columns.Fit(intent.OperatorName, AuditEntry.MaxOperatorNameLength),
        Channel = intent.Channel,
        FromState = intent.FromState,
        ToState = intent.ToState,
    };
}
