using Dashboard.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>The answer to a sign-in attempt; <see cref="Error"/> is fit to show the person.</summary>
public sealed record SignInCheck(Account? Account, string? Error)
{
    public bool Succeeded => Account is not null;
}

/// <summary>Creates accounts and checks passwords, counting failures and locking an account after too many.</summary>
public sealed class AccountService(
    IDbContextFactory<DashboardDbContext> contexts,
    IOptions<AuthOptions> options,
    TimeProvider time)
{
    // Same words whether the name is unknown or the password wrong, so that names cannot be probed.
    public const string WrongCredentials = "Wrong user name or password.";

    private readonly PasswordHasher<Account> _hasher = new();

    /// <summary>Creates the account unless one already has that user name (in any case); answers whether it did.</summary>
    public async Task<bool> EnsureAsync(string userName, string password, Role role, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var normalized = Account.Normalize(userName);
        if (await db.Accounts.AnyAsync(a => a.NormalizedUserName == normalized, cancellationToken))
        {
            return false;
        }

        var account = new Account { UserName = userName.Trim(), NormalizedUserName = normalized, Role = role, CreatedAt = time.GetUtcNow() };
        account.PasswordHash = _hasher.HashPassword(account, password);
        db.Accounts.Add(account);
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

    public async Task<SignInCheck> CheckAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return new SignInCheck(null, "Enter your user name and password.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var normalized = Account.Normalize(userName);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.NormalizedUserName == normalized, cancellationToken);
        if (account is null)
        {
            return new SignInCheck(null, WrongCredentials);
        }

        var now = time.GetUtcNow();
        if (account.LockedUntil is { } until && until > now)
        {
            return new SignInCheck(null, $"Too many failed attempts: this account is locked until {until:HH:mm} UTC.");
        }

        var verdict = _hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            account.FailedAttempts++;
            string error = WrongCredentials;
            if (account.FailedAttempts >= options.Value.MaxFailedAttempts)
            {
                account.FailedAttempts = 0;
                account.LockedUntil = now + options.Value.LockoutDuration;
                error = $"Too many failed attempts: this account is locked until {account.LockedUntil:HH:mm} UTC.";
            }

            await db.SaveChangesAsync(cancellationToken);
            return new SignInCheck(null, error);
        }

        if (account.Disabled)
        {
            // Said only after the right password, so that it reveals nothing to someone guessing.
            return new SignInCheck(null, "This account is disabled. Ask a Manager.");
        }

        account.FailedAttempts = 0;
        account.LockedUntil = null;
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = _hasher.HashPassword(account, password);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new SignInCheck(account, null);
    }
}
