using Dashboard.DayCurve;
using Dashboard.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.DayCurve;

/// <summary>A migrated <see cref="TestDatabase"/> (SQLite, or PostgreSQL when test.sh names one) with the samples' store over it on a fake clock.</summary>
internal sealed class SampleDatabase : IDbContextFactory<DashboardDbContext>, IAsyncDisposable
{
    private readonly TestDatabase _database = new();

    public SampleDatabase()
    {
        using var db = CreateDbContext();
        db.Database.Migrate();
        Store = new SampleStore(this);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero));

    public SampleStore Store { get; }

    public DashboardDbContext CreateDbContext() => _database.CreateDbContext();

    public async Task<List<AvailabilitySample>> AllAsync()
    {
        await using var db = CreateDbContext();
        return await db.AvailabilitySamples.AsNoTracking().OrderBy(s => s.At).ToListAsync();
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

/// <summary>A database that does not answer: every context it makes fails on first use.</summary>
internal sealed class UnreachableDatabase : IDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext() => new SqliteDashboardDbContext(
        new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite("Data Source=/nonexistent-folder/samples.db;Mode=ReadWrite").Options);
}
