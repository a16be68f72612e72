using System.Security.Claims;
using Dashboard.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// A sign-in that was signed out. Its cookie may have been copied before (by malware, or from a shared machine), and a
/// cookie stays valid until it expires: so the sign-in's id (<see cref="AuthExtensions.SessionClaimType"/>) is kept here,
/// in the database that every instance reads, and each request and open connection checks it.
/// </summary>
public sealed class EndedSession
{
    /// <summary>The sign-in's id, as its claim carries it.</summary>
    public required string Id { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    public const int MaxIdLength = 32;

    public static string NewId() => Guid.NewGuid().ToString("N");
}

/// <summary>Ends sign-ins on the server (see <see cref="EndedSession"/>).</summary>
public sealed class SignOuts(
    IDbContextFactory<DashboardDbContext> contexts,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<SignOuts> logger)
{
    /// <summary>
    /// Raised on this instance with a sign-in's id once <see cref="EndAsync"/> has recorded it, so that the sign-in's open
    /// hub connections and pages here end at once. Other instances learn of it at their next check of each connection
    /// (<see cref="AuthOptions.RevalidationInterval"/>); a new request there is refused at once, since it reads the table.
    /// </summary>
    public event Action<string>? Ended;

    /// <summary>
    /// Records that <paramref name="user"/>'s sign-in has ended, and forgets those that ended longer ago than any copy of
    /// their cookie can live (<see cref="AuthOptions.SessionLifetime"/>, sliding, stops sliding when the sign-in ends).
    /// </summary>
    public async Task EndAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(AuthExtensions.SessionClaimType) is not { Length: > 0 and <= EndedSession.MaxIdLength } id)
        {
            return;
        }

        var now = time.GetUtcNow();
        var expired = now - options.Value.SessionLifetime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.EndedSessions.Where(s => s.EndedAt < expired).ExecuteDeleteAsync(cancellationToken);
        if (!await db.EndedSessions.AnyAsync(s => s.Id == id, cancellationToken))
        {
            db.EndedSessions.Add(new EndedSession { Id = id, EndedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }

        Announce(id);
    }

    /// <summary>Whether <paramref name="user"/> is the sign-in named <paramref name="session"/>.</summary>
    public static bool IsSession(ClaimsPrincipal? user, string session) =>
        string.Equals(user?.FindFirstValue(AuthExtensions.SessionClaimType), session, StringComparison.Ordinal);

    // Each listener on its own: one that fails must not keep the sign-in open elsewhere, nor fail the sign-out itself.
    private void Announce(string session)
    {
        foreach (var listener in Ended?.GetInvocationList().Cast<Action<string>>() ?? [])
        {
            try
            {
                listener(session);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Ending the open connections of a signed-out sign-in failed; they end at the next check.");
            }
        }
    }
}
