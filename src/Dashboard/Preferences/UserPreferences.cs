using System.Data.Common;
using System.Linq.Expressions;
using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Localization;
using Dashboard.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Preferences;

/// <summary>
/// Reads and keeps each signed-in person's own choices (<see cref="UserPreference"/>). A choice only changes how the
/// person's own screen looks, so any signed-in role may make it, and a database that does not answer costs the choice,
/// never the page.
/// </summary>
public sealed class UserPreferences(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time, ILogger<UserPreferences> logger)
{
    /// <summary>
    /// Whose choices these are: the name the audit trail records, so a local account by its user name, and a single
    /// sign-on by its name and the provider's subject (names there are neither unique nor fixed). Null when nobody is
    /// signed in.
    /// </summary>
    public static string? KeyOf(ClaimsPrincipal? user) =>
        AuthExtensions.RecordedName(user) is { } name ? Columns.Fit(name, UserPreference.MaxUserKeyLength) : null;

    /// <summary>The theme <paramref name="user"/> chose; light when none, nobody signed in, or the database is down.</summary>
    public async Task<ThemeChoice> ThemeAsync(ClaimsPrincipal? user, CancellationToken cancellationToken) =>
        await ReadAsync(user, p => p.Theme, "theme; showing the light one", cancellationToken) ?? ThemeChoice.Light;

    /// <summary>Remembers <paramref name="theme"/> for <paramref name="user"/>; false when it could not be written (logged).</summary>
    public Task<bool> SetThemeAsync(ClaimsPrincipal user, ThemeChoice theme, CancellationToken cancellationToken) =>
        WriteAsync(user, row => row.Theme = theme, "theme", cancellationToken);

    /// <summary>
    /// The language <paramref name="user"/> chose ("en", "fr"); null when none, nobody signed in, or the database is down
    /// (the browser's language then applies).
    /// </summary>
    public async Task<string?> LanguageAsync(ClaimsPrincipal? user, CancellationToken cancellationToken) =>
        Languages.Find(await ReadAsync(user, p => p.Language, "language; using the browser's", cancellationToken));

    /// <summary>Remembers <paramref name="language"/> (one of <see cref="Languages.Supported"/>) for <paramref name="user"/>; false when it could not be written (logged).</summary>
    public Task<bool> SetLanguageAsync(ClaimsPrincipal user, string language, CancellationToken cancellationToken)
    {
        var supported = Languages.Find(language) ?? throw new ArgumentException($"The dashboard does not speak '{language}'.", nameof(language));
        return WriteAsync(user, row => row.Language = supported, "language", cancellationToken);
    }

    /// <summary>
    /// One of <paramref name="user"/>'s choices; null when none, nobody signed in, or the database is down: readiness and
    /// the Managers' banner say what is wrong with the database, and the page opens all the same.
    /// </summary>
    private async Task<T?> ReadAsync<T>(ClaimsPrincipal? user, Expression<Func<UserPreference, T?>> choice, string fallback, CancellationToken cancellationToken)
    {
        if (KeyOf(user) is not { } key)
        {
            return default;
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.UserPreferences.AsNoTracking().Where(p => p.UserKey == key).Select(choice).SingleOrDefaultAsync(cancellationToken);
        }
        catch (DbException exception)
        {
            logger.LogWarning(exception, "Could not read a person's {Fallback}.", fallback);
            return default;
        }
    }

    /// <summary>Sets one of <paramref name="user"/>'s choices on their row; false when it could not be written (logged).</summary>
    private async Task<bool> WriteAsync(ClaimsPrincipal user, Action<UserPreference> choose, string what, CancellationToken cancellationToken)
    {
        var key = KeyOf(user) ?? throw new InvalidOperationException("Only a signed-in person has preferences.");
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var row = await RowAsync(db, key, time.GetUtcNow(), cancellationToken);
            choose(row);
            row.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is DbException or DbUpdateException)
        {
            logger.LogWarning(exception, "Could not save a person's {What}.", what);
            return false;
        }
    }

    /// <summary>
    /// The person's row, tracked by <paramref name="db"/>, made first if they have none: every table of a person's own
    /// things (saved views) points at it.
    /// </summary>
    internal static async Task<UserPreference> RowAsync(DashboardDbContext db, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.UserPreferences.SingleOrDefaultAsync(p => p.UserKey == key, cancellationToken) is { } existing)
        {
            return existing;
        }

        var row = new UserPreference { UserKey = key, UpdatedAt = now };
        db.UserPreferences.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return row;
        }
        catch (DbUpdateException)
        {
            // Another page of the same person (a second tab) made it in between: carry on with that one.
            db.ChangeTracker.Clear();
            return await db.UserPreferences.SingleAsync(p => p.UserKey == key, cancellationToken);
        }
    }
}
