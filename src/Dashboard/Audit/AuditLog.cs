using Dashboard.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Audit;

/// <summary>One page of audit entries, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Page, int Pages, int Total);

/// <summary>Reads the audit trail for the <c>/audit</c> page and its CSV export.</summary>
public sealed class AuditLog(IDbContextFactory<DashboardDbContext> contexts)
{
    public const int PageSize = 50;

    public async Task<AuditPage> GetPageAsync(AuditFilter filter, int page, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Apply(db.AuditEntries.AsNoTracking(), filter);
        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var entries = await Newest(query).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new AuditPage(entries, page, pages, total);
    }

    /// <summary>The newest <paramref name="count"/> entries about one operator, by id alone (the filter's text would also match names).</summary>
    public async Task<IReadOnlyList<AuditEntry>> RecentForOperatorAsync(int operatorId, int count, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Newest(db.AuditEntries.AsNoTracking().Where(e => e.OperatorId == operatorId)).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>Every matching entry, newest first, read as it is written out rather than all at once.</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await foreach (var entry in Newest(Apply(db.AuditEntries.AsNoTracking(), filter)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return entry;
        }
    }

    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> query) =>
        query.OrderByDescending(e => e.RequestedAt).ThenByDescending(e => e.Id);

    private static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, AuditFilter filter)
    {
        // Lower-cased on both sides rather than Contains(..., OrdinalIgnoreCase), which neither provider translates.
#pragma warning disable CA1862
        if (filter.Operator is { } op)
        {
            var text = op.ToLowerInvariant();
            query = int.TryParse(op, out var id)
                ? query.Where(e => e.OperatorId == id || e.OperatorName.ToLower().Contains(text))
                : query.Where(e => e.OperatorName.ToLower().Contains(text));
        }

        if (filter.User is { } user)
        {
            var text = user.ToLowerInvariant();
            query = query.Where(e => e.Actor.ToLower().Contains(text));
        }
#pragma warning restore CA1862

        if (filter.Channel is { } channel)
        {
            query = query.Where(e => e.Channel == channel);
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.RequestedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.RequestedAt <= to);
        }

        if (filter.Outcome is { } outcome)
        {
            query = query.Where(e => e.Outcome == outcome);
        }

        return query;
    }
}
