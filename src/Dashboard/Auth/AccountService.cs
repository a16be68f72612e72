using System.Security.Claims;
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

/// <summary>One account as the accounts page lists it (no password hash).</summary>
public sealed record AccountSummary(
    int Id,
    string UserName,
    Role Role,
    bool Disabled,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ChangedAt,
    string? ChangedBy)
{
    /// <summary>Whether the account cannot sign in at <paramref name="now"/> because of failed attempts.</summary>
    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

/// <summary>What became of a change to an account, in words fit to show the Manager who asked.</summary>
public sealed record AccountResult(bool Succeeded, string Message);

/// <summary>
/// Creates accounts and checks passwords, counting failures and locking an account after too many; lets Managers
/// create, re-role, disable and reset accounts, checking on every call that the caller still is an active Manager.
/// </summary>
public sealed class AccountService(
    IDbContextFactory<DashboardDbContext> contexts,
    IOptions<AuthOptions> options,
    TimeProvider time)
{
    // Same words whether the name is unknown or the password wrong, so that names cannot be probed.
    public const string WrongCredentials = "Wrong user name or password.";

    private readonly PasswordHasher<Account> _hasher = new();

    /// <summary>Creates the account unless one already has that user name (in any case); answers whether it did.</summary>
    public Task<bool> EnsureAsync(string userName, string password, Role role, CancellationToken cancellationToken) =>
        CreateAccountAsync(userName, password, role, null, cancellationToken);

    // With its record, when a person created it, in the same save.
    private async Task<bool> CreateAccountAsync(string userName, string password, Role role, AccountEvent? record, CancellationToken cancellationToken)
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

    /// <summary>
    /// Disables the account if its password still is <paramref name="password"/> (a published one, say), ending its
    /// sign-ins, and records why; answers whether it did. An account whose password was changed is left alone.
    /// </summary>
    public async Task<bool> DisableIfPasswordIsAsync(string userName, string password, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var normalized = Account.Normalize(userName);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.NormalizedUserName == normalized && !a.Disabled, cancellationToken);
        if (account is null || _hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return false;
        }

        account.Disabled = true;
        account.SecurityStamp = Account.NewStamp();
        account.ChangedAt = time.GetUtcNow();
        account.ChangedBy = SystemActor;
        db.AccountEvents.Add(NewEvent(SystemActor, AccountEvent.Disabled, account.UserName, null, new AccountResult(true, reason)));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Whether any account may manage the others.</summary>
    public async Task<bool> HasActiveManagerAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AnyAsync(a => a.Role == Role.Manager && !a.Disabled, cancellationToken);
    }

    /// <summary>Who the account records name for a change the app made itself, at start.</summary>
    public const string SystemActor = "the dashboard (at start)";

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
            _hasher.VerifyHashedPassword(NoAccount, NoAccountHash.Value, password);
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

        var verdict = _hasher.VerifyHashedPassword(account, account.PasswordHash, password);
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
            account.PasswordHash = _hasher.HashPassword(account, password);
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

    // A hash to check passwords against when the name is unknown; made once, of a password nobody has.
    private static readonly Account NoAccount = new() { UserName = "", NormalizedUserName = "" };

    private static readonly Lazy<string> NoAccountHash = new(() =>
        new PasswordHasher<Account>().HashPassword(NoAccount, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

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

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking()
            .Select(a => new AccountSummary(a.Id, a.UserName, a.Role, a.Disabled, a.LockedUntil, a.CreatedAt, a.ChangedAt, a.ChangedBy))
            .ToListAsync(cancellationToken);
        return [.. accounts.OrderBy(a => a.UserName, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Whether <paramref name="userName"/> may be a user name; null when it may, otherwise why not.</summary>
    public static string? CheckUserName(string? userName) => userName?.Trim() switch
    {
        null or "" => "Enter a user name.",
        { Length: > 100 } => "A user name has at most 100 characters.",
        var name when !name.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@') =>
            "A user name may hold letters, digits and . _ - @ only.",
        _ => null,
    };

    /// <summary>Whether <paramref name="password"/> is long enough; null when it is, otherwise why not.</summary>
    public string? CheckPassword(string? password) =>
        password is null || password.Length < options.Value.MinPasswordLength
            ? $"A password has at least {options.Value.MinPasswordLength} characters."
            : password.Length > 200 ? "A password has at most 200 characters." : null;

    /// <summary>The latest account changes and refused attempts, newest first.</summary>
    public async Task<IReadOnlyList<AccountEvent>> RecentEventsAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AccountEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken);
    }

    public async Task<AccountResult> CreateAsync(ClaimsPrincipal by, string? userName, string? password, Role role, CancellationToken cancellationToken)
    {
        var target = userName?.Trim() is { Length: > 0 } trimmed ? trimmed : "(no name)";
        AccountEvent Event(AccountResult result) => NewEvent(by, AccountEvent.Created, target, $"as {role}", result);

        if ((await RefuseUnlessManagerAsync(by, cancellationToken) ?? Invalid()) is { } refused)
        {
            await RecordAsync(Event(refused), cancellationToken);
            return refused;
        }

        var created = new AccountResult(true, $"Account {target} created as {role}.");
        if (await CreateAccountAsync(userName!, password!, role, Event(created), cancellationToken))
        {
            return created;
        }

        // Also when another Manager created the same name in the same instant.
        var exists = new AccountResult(false, $"An account named {target} already exists.");
        await RecordAsync(Event(exists), cancellationToken);
        return exists;

        AccountResult? Invalid() => (CheckUserName(userName) ?? CheckPassword(password)) is { } invalid ? new AccountResult(false, invalid) : null;
    }

    public Task<AccountResult> ChangeRoleAsync(ClaimsPrincipal by, int accountId, Role role, CancellationToken cancellationToken) =>
        ChangeAsync(by, accountId, AccountEvent.RoleChanged, (account, self) =>
        {
            if (account.Role == role)
            {
                return null;
            }

            if (self)
            {
                return "You cannot change your own role: ask another Manager.";
            }

            account.Role = role;
            return null;
        }, account => $"{account.UserName} is now a {role}.", cancellationToken);

    public Task<AccountResult> SetDisabledAsync(ClaimsPrincipal by, int accountId, bool disabled, CancellationToken cancellationToken) =>
        ChangeAsync(by, accountId, disabled ? AccountEvent.Disabled : AccountEvent.Enabled, (account, self) =>
        {
            if (self && disabled)
            {
                return "You cannot disable your own account: ask another Manager.";
            }

            account.Disabled = disabled;
            return null;
        }, account => disabled ? $"{account.UserName} is disabled and signed out everywhere." : $"{account.UserName} may sign in again.", cancellationToken);

    /// <summary>Sets a new password and lifts any lockout; every sign-in of the account ends.</summary>
    public Task<AccountResult> ResetPasswordAsync(ClaimsPrincipal by, int accountId, string? password, CancellationToken cancellationToken) =>
        ChangeAsync(by, accountId, AccountEvent.PasswordReset, (account, self) =>
        {
            if (CheckPassword(password) is { } invalid)
            {
                return invalid;
            }

            account.PasswordHash = _hasher.HashPassword(account, password!);
            account.FailedAttempts = 0;
            account.LockedUntil = null;
            return null;
        }, account => $"The password of {account.UserName} is reset; give it to them in person or over a safe channel.", cancellationToken);

    private async Task<AccountResult> ChangeAsync(
        ClaimsPrincipal by,
        int accountId,
        string action,
        Func<Account, bool, string?> change,
        Func<Account, string> done,
        CancellationToken cancellationToken)
    {
        try
        {
            return await ChangeOnceAsync(by, accountId, action, change, done, cancellationToken);
        }
        catch (Exception exception) when (IsSerializationFailure(exception))
        {
            // Another change to the accounts committed between this one's reads and its save.
            var conflict = new AccountResult(false, "Another change to the accounts was made at the same moment: look again and retry.");
            await RecordAsync(NewEvent(by, action, $"#{accountId}", null, conflict), cancellationToken);
            return conflict;
        }
    }

    private async Task<AccountResult> ChangeOnceAsync(
        ClaimsPrincipal by,
        int accountId,
        string action,
        Func<Account, bool, string?> change,
        Func<Account, string> done,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Serializable from the first read: two Managers demoting each other at once must not both pass the
        // last-Manager check (SQLite takes the write lock at once; PostgreSQL fails one of them at its save).
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        var target = account?.UserName ?? $"#{accountId}";
        var before = account?.Role;
        string? Detail() => account is not null && account.Role != before ? $"{before} → {account.Role}" : null;

        async Task<AccountResult> RefuseAsync(string message)
        {
            // Nothing of the change is kept (the last-Manager check refuses after changing the tracked account), and
            // the lock is let go before the refusal is recorded on a connection of its own.
            await transaction.RollbackAsync(cancellationToken);
            var refused = new AccountResult(false, message);
            await RecordAsync(NewEvent(by, action, target, Detail(), refused), cancellationToken);
            return refused;
        }

        if (await RefuseUnlessManagerAsync(by, cancellationToken) is { } notManager)
        {
            return await RefuseAsync(notManager.Message);
        }

        if (account is null)
        {
            return await RefuseAsync("This account no longer exists.");
        }

        var (disabled, hash) = (account.Disabled, account.PasswordHash);
        var self = string.Equals(by.FindFirstValue(ClaimTypes.NameIdentifier), account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            && !AuthExtensions.IsExternal(by);
        if (change(account, self) is { } refusal)
        {
            return await RefuseAsync(refusal);
        }

        if (account.Role == before && account.Disabled == disabled && account.PasswordHash == hash)
        {
            // Nothing changed (the role it already has, say): nothing to record.
            return new AccountResult(true, done(account));
        }

        // Checked after the change, in the same unit of work: the last active Manager may not be demoted or disabled.
        if (before == Role.Manager && !disabled && (account.Role != Role.Manager || account.Disabled)
            && !await db.Accounts.AnyAsync(a => a.Id != account.Id && a.Role == Role.Manager && !a.Disabled, cancellationToken))
        {
            return await RefuseAsync($"{account.UserName} is the last active Manager: make someone else a Manager first.");
        }

        var result = new AccountResult(true, done(account));
        account.SecurityStamp = Account.NewStamp();
        account.ChangedAt = time.GetUtcNow();
        account.ChangedBy = Columns.Fit(AuthExtensions.RecordedName(by), AccountEvent.MaxNameLength);
        // One save for the change and its record: neither can exist without the other.
        db.AccountEvents.Add(NewEvent(by, action, target, Detail(), result));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    // PostgreSQL's "could not serialize access" (SQLSTATE 40001), raised at the save or at the commit, and wrapped by
    // EF Core (and its execution strategy) at any depth.
    private static bool IsSerializationFailure(Exception? exception) =>
        exception is not null && (exception is System.Data.Common.DbException { SqlState: "40001" } || IsSerializationFailure(exception.InnerException));

    private AccountEvent NewEvent(ClaimsPrincipal by, string action, string target, string? detail, AccountResult result) =>
        NewEvent(AuthExtensions.RecordedName(by) ?? "anonymous", action, target, detail, result);

    private AccountEvent NewEvent(string actor, string action, string target, string? detail, AccountResult result) =>
        AccountEvent.Of(time.GetUtcNow(), actor, action, target, detail, result.Succeeded, result.Message);

    private async Task RecordAsync(AccountEvent accountEvent, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AccountEvents.Add(accountEvent);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<AccountResult?> RefuseUnlessManagerAsync(ClaimsPrincipal by, CancellationToken cancellationToken) =>
        await CurrentRoleAsync(by, cancellationToken) == Role.Manager
            ? null
            : new AccountResult(false, "Only a Manager may manage accounts; sign in again if your role has just changed.");
}
