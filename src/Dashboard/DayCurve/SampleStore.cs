using Dashboard.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.DayCurve;

/// <summary>The stored samples (<c>availability_samples</c>): written once a minute, read from a day's start, pruned by age.</summary>
public sealed class SampleStore(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task AddAsync(AvailabilitySample sample, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AvailabilitySamples.Add(sample);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The samples taken at or after <paramref name="from"/>, oldest first.</summary>
    public async Task<List<AvailabilitySample>> ReadSinceAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AvailabilitySamples.AsNoTracking().Where(s => s.At >= from).OrderBy(s => s.At).ToListAsync(cancellationToken);
    }

    /// <summary>Deletes the samples taken before <paramref name="cutoff"/>; answers how many.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AvailabilitySamples.Where(s => s.At < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
