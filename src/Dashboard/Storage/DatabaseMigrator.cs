using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Storage;

/// <summary>The database could not be reached or brought up to date at start; the message says which setting to check.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>Brings the database schema up to date before the app serves anything, or stops the start saying why.</summary>
internal sealed class DatabaseMigrator(
    IDbContextFactory<DashboardDbContext> contexts,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var message = $"The {options.Value.Provider} database could not be reached or migrated (check ConnectionStrings:Dashboard and Database:Provider): {exception.Message}";
            logger.LogCritical(exception, "{Message}", message);
            throw new DatabaseUnavailableException(message, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
