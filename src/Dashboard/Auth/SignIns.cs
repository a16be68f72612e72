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

/// <summary>Checks passwords, counting failures and locking an account after too many.</summary>
public sealed class SignIns(
    IDbContextFactory<DashboardDbContext> contexts,
    IPasswordHasher<Account> hasher,
    IOptions<AuthOptions> options,
    TimeProvider time)
{
    // A hash to check passwords against when the name is unknown; made once, of a password nobody has.
    private readonly Lazy<string> _noAccountHash = new(() =>
        hasher.HashPassword(NoAccount, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

    // Same words whether the name is unknown or the password wrong, so that names cannot be probed.
    public const string WrongCredentials = "Wrong user name or password.";

    public async Task<SignInCheck> CheckAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return new SignInCheck(null, "Enter your user name and password.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var normalized = Account.Normalize(userName);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.NormalizedUserName == normalized, cancellationToken);
        var now = time.GetUtcNow();
        if (account is null)
        {
            // The same statements and hash check as a wrong password, on no row: the time of the answer must not tell
            // which names exist.
            await CountAttemptAsync(db, NoAccountId, now, cancellationToken);
            hasher.VerifyHashedPassword(NoAccount, _noAccountHash.Value, password);
            return new SignInCheck(null, WrongCredentials);
        }

        if (account.IsLockedAt(now))
        {
            return Locked(account.LockedUntil!.Value);
        }

        if (await CountAttemptAsync(db, account.Id, now, cancellationToken) is not { } lockedUntil)
        {
            // Other attempts reached the limit an instant ago and locked the account.
            return Locked(now + options.Value.LockoutDuration);
        }

        var verdict = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return lockedUntil > now ? Locked(lockedUntil) : new SignInCheck(null, WrongCredentials);
        }

        // The right password: whoever holds it owes nothing for earlier failures.
        await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(
            set => set.SetProperty(a => a.FailedAttempts, 0).SetProperty(a => a.LockedUntil, (DateTimeOffset?)null),
            cancellationToken);
        if (account.Disabled)
        {
            // Said only after the right password, so that it reveals nothing to someone guessing.
            return new SignInCheck(null, "This account is disabled. Ask a Manager.");
        }

        if (string.IsNullOrEmpty(account.SecurityStamp))
        {
            account.SecurityStamp = Account.NewStamp();
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.HashPassword(account, password);
        }

        await db.SaveChangesAsync(cancellationToken);
        // As the statement above left them in the database (it bypassed the tracked copy).
        account.FailedAttempts = 0;
        account.LockedUntil = null;
        return new SignInCheck(account, null);
    }

    /// <summary>
    /// Counts a sign-in attempt before its password is checked, in one statement that also locks the account when the
    /// count reaches <see cref="AuthOptions.MaxFailedAttempts"/>: guesses sent in parallel cannot all read the same count
    /// and pass, and no attempt cut off half-way can leave the count at the limit without a lock that ends. Answers
    /// when the account is locked until after this attempt (the past when it is not), or null when the account was
    /// already locked and the attempt is not counted.
    /// </summary>
    private async Task<DateTimeOffset?> CountAttemptAsync(DashboardDbContext db, int accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxFailedAttempts;
        DateTimeOffset? until = now + options.Value.LockoutDuration;
        var counted = await db.Accounts
            .Where(a => a.Id == accountId && (a.LockedUntil == null || a.LockedUntil <= now))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(a => a.LockedUntil, a => a.FailedAttempts + 1 >= max ? until : a.LockedUntil)
                    .SetProperty(a => a.FailedAttempts, a => a.FailedAttempts + 1 >= max ? 0 : a.FailedAttempts + 1),
                cancellationToken);
        var lockedUntil = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.LockedUntil).SingleOrDefaultAsync(cancellationToken);
        return counted == 0 ? null : lockedUntil ?? DateTimeOffset.MinValue;
    }

    // No account has this id: an unknown name's attempt is counted against nothing.
    private const int NoAccountId = 0;

    private static SignInCheck Locked(DateTimeOffset until) =>
        new(null, $"Too many failed attempts: this account is locked until {until:HH:mm} UTC.");

    // Whose hash an unknown name's password is checked against.
    private static readonly Account NoAccount = new() { UserName = "", NormalizedUserName = "" };
}
