using System.Security.Claims;
using Dashboard.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// The check every request, open page, hub connection and command makes of its sign-in: whether it still stands, and
/// with which role.
/// </summary>
public sealed class AccountCheck(IDbContextFactory<DashboardDbContext> contexts, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>
    /// The role the signed-in <paramref name="user"/> has now: null when the sign-in was signed out, or the account was
    /// disabled, removed, or changed (role or password) since this sign-in. A sign-in from single sign-on has no local
    /// account: its role is its claim.
    /// </summary>
    public async Task<Role?> CurrentRoleAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // A sign-in without an id was made before sign-outs were recorded, and could not be ended: it is over.
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(AuthExtensions.SessionClaimType) is not { } session)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (AuthExtensions.IsExternal(user))
        {
            // Its role cannot be re-read here; the sign-in's age bounds how long it keeps it.
            return SingleSignOn.IsExpired(user, options.Value.Oidc, time.GetUtcNow())
                || await db.EndedSessions.AnyAsync(s => s.Id == session, cancellationToken)
                    ? null
                    : AuthExtensions.RoleOf(user);
        }

        if (!int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        // One statement for the account and the sign-in: this runs on every request.
        var account = await db.Accounts.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new { a.Role, a.Disabled, a.SecurityStamp, Ended = db.EndedSessions.Any(s => s.Id == session) })
            .SingleOrDefaultAsync(cancellationToken);
        var stamp = user.FindFirstValue(AuthExtensions.StampClaimType) ?? "";
        return account is { Disabled: false, Ended: false } && string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal) ? account.Role : null;
    }
}
