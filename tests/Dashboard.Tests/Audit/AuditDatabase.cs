using Dashboard.Audit;
using Dashboard.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Audit;

/// <summary>A migrated <see cref="TestDatabase"/> (SQLite, or PostgreSQL when test.sh names one), with the audit trail and log over it on a fake clock.</summary>
internal sealed class AuditDatabase : IDbContextFactory<DashboardDbContext>, IAsyncDisposable
{
    private readonly TestDatabase _database = new();

    public AuditDatabase()
    {
        using var db = CreateDbContext();
        db.Database.Migrate();
        Trail = new AuditTrail(this, Clock, Microsoft.Extensions.Options.Options.Create(new AuditOptions()));
        Log = new AuditLog(this);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public AuditTrail Trail { get; }

    public AuditLog Log { get; }

    public DashboardDbContext CreateDbContext() => _database.CreateDbContext();

    public async Task<List<AuditEntry>> AllAsync()
    {
        await using var db = CreateDbContext();
        return await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
    }

    public AuditIntent Intent(int operatorId = 7, string name = "Alice Martin", string actor = "anonymous", string channel = "chat") =>
        new(new CommandActor(actor, CommandActor.Page, Dashboard.Auth.Role.Manager), Clock.GetUtcNow(), operatorId, name, channel, "available", "unavailable");

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
