using Dashboard.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Auth;

/// <summary>The changes <see cref="AccountSeeder"/> makes to the accounts at start, on behalf of nobody.</summary>
public sealed class AccountSeeding(IDbContextFactory<DashboardDbContext> contexts, IPasswordHasher<Account> hasher, TimeProvider time)
{
    /// <summary>Who the account records name for a change the app made itself, at start.</summary>
    public const string SystemActor = "the dashboard (at start)";

    /// <summary>Creates the account unless one already has that user name (in any case); answers whether it did.</summary>
    public Task<bool> EnsureAsync(string userName, string password, Role role, CancellationToken cancellationToken) =>
        AccountRows.AddIfNameIsFreeAsync(contexts, hasher, userName, password, role, time.GetUtcNow(), null, cancellationToken);

    /// <summary>
    /// Disables the account if its password still is <paramref name="password"/> (a published one, say), ending its
    /// sign-ins, and records why; answers whether it did. An account whose password was changed is left alone.
    /// </summary>
    public async Task<bool> DisableIfPasswordIsAsync(string userName, string password, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var normalized = Account.Normalize(userName);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.NormalizedUserName == normalized && !a.Disabled, cancellationToken);
        if (account is null || hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return false;
        }

        var now = time.GetUtcNow();
        account.Disabled = true;
        account.SecurityStamp = Account.NewStamp();
        account.ChangedAt = now;
        account.ChangedBy = SystemActor;
        db.AccountEvents.Add(AccountEvent.Of(now, SystemActor, AccountEvent.Disabled, account.UserName, null, true, reason));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Whether any account may manage the others.</summary>
    public async Task<bool> HasActiveManagerAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AnyAsync(a => a.Role == Role.Manager && !a.Disabled, cancellationToken);
    }
}
