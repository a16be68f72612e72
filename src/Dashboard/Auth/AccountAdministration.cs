using System.Security.Claims;
using Dashboard.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

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
/// Lets Managers create, re-role, disable and reset accounts, checking on every call that the caller still is an active
/// Manager, and records each change and each refusal. Refuses everything while the database cannot record
/// (<see cref="DatabaseFile"/>).
/// </summary>
public sealed class AccountAdministration(
    IDbContextFactory<DashboardDbContext> contexts,
    IPasswordHasher<Account> hasher,
    AccountCheck accounts,
    Microsoft.AspNetCore.Authorization.IAuthorizationService authorization,
    DatabaseFile database,
    IOptions<AuthOptions> options,
    TimeProvider time)
{
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

        if (Unrecordable() is { } lost)
        {
            return lost;
        }

        if ((await RefuseUnlessManagerAsync(by, cancellationToken) ?? Invalid()) is { } refused)
        {
            await RecordAsync(Event(refused), cancellationToken);
            return refused;
        }

        var created = new AccountResult(true, $"Account {target} created as {role}.");
        if (await AccountRows.AddIfNameIsFreeAsync(contexts, hasher, userName!, password!, role, time.GetUtcNow(), Event(created), cancellationToken))
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

            account.PasswordHash = hasher.HashPassword(account, password!);
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
        if (Unrecordable() is { } lost)
        {
            return lost;
        }

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
        AccountEvent.Of(time.GetUtcNow(), AuthExtensions.RecordedName(by) ?? "anonymous", action, target, detail, result.Succeeded, result.Message);

    // Nothing could be recorded: not even the refusal is written, into a file nobody will read.
    private AccountResult? Unrecordable() =>
        database.Problem is { } lost ? new AccountResult(false, $"Nothing was changed. {lost}") : null;

    private async Task RecordAsync(AccountEvent accountEvent, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AccountEvents.Add(accountEvent);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<AccountResult?> RefuseUnlessManagerAsync(ClaimsPrincipal by, CancellationToken cancellationToken) =>
        await authorization.AllowsAsync(by, AuthExtensions.ManagerPolicy) && await accounts.CurrentRoleAsync(by, cancellationToken) is not null
            ? null
            : new AccountResult(false, "Only a Manager may manage accounts; sign in again if your role has just changed.");
}
