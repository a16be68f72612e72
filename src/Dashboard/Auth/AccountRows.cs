using Dashboard.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Auth;

/// <summary>What the account services share: adding an account under a free name.</summary>
internal static class AccountRows
{
    /// <summary>
    /// Adds the account, with <paramref name="record"/> in the same save when a person asked for it, unless one already
    /// has that user name (in any case); answers whether it did.
    /// </summary>
    public static async Task<bool> AddIfNameIsFreeAsync(
        IDbContextFactory<DashboardDbContext> contexts,
        IPasswordHasher<Account> hasher,
        string userName,
        string password,
        Role role,
        DateTimeOffset now,
        AccountEvent? record,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var normalized = Account.Normalize(userName);
        if (await db.Accounts.AnyAsync(a => a.NormalizedUserName == normalized, cancellationToken))
        {
            return false;
        }

        var account = new Account { UserName = userName.Trim(), NormalizedUserName = normalized, Role = role, CreatedAt = now };
        account.PasswordHash = hasher.HashPassword(account, password);
        db.Accounts.Add(account);
        if (record is not null)
        {
            db.AccountEvents.Add(record);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Instances starting together on one (PostgreSQL) database seed the same accounts: the unique user name
            // lets one insert win, and the others must go on starting rather than fail.
            if (!await db.Accounts.AnyAsync(a => a.NormalizedUserName == normalized, cancellationToken))
            {
                throw;
            }

            return false;
        }

        return true;
    }
}
