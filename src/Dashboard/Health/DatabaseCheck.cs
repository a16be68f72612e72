using Dashboard.Auth;
using Dashboard.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Health;

/// <summary>
/// Ready only while the database can really be read and written: a read, and a write rolled back (a read-only file or
/// a full disk fails there), and the SQLite file still the one opened at start (<see cref="DatabaseFile"/>).
/// </summary>
internal sealed class DatabaseCheck(IDbContextFactory<DashboardDbContext> contexts, DatabaseFile file, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (file.Problem is { } problem)
        {
            return HealthCheckResult.Unhealthy(problem);
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Accounts.AsNoTracking().AnyAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.EndedSessions.Add(new EndedSession { Id = "probe" + Guid.NewGuid().ToString("N")[..27], EndedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return HealthCheckResult.Healthy("The database answers reads and writes.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: the message may name files or servers, and readiness is open to anyone.
            return HealthCheckResult.Unhealthy($"The database cannot be read or written ({exception.GetType().Name}).");
        }
    }
}
