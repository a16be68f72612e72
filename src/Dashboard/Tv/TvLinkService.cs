using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Auth;
using Dashboard.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tv;

/// <summary>One TV link as <c>/tv/links</c> lists it (no token, no hash).</summary>
public sealed record TvLinkSummary(
    long Id, string Name, string Settings, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public bool Revoked => RevokedAt is not null;
}

/// <summary>What a valid link lets a screen show: its settings, nothing else.</summary>
public sealed record TvGrant(long LinkId, string Name, TvSettings Settings);

/// <summary>A new link: its token is in <see cref="Token"/>, here and nowhere else.</summary>
public sealed record TvLinkCreated(bool Succeeded, string Message, string? Token = null);

/// <summary>
/// Makes, lists, checks and revokes TV links. Making and revoking are Manager actions, checked here against the account
/// as it is now, and recorded in the account records like any change to an account, refusals included.
/// </summary>
public sealed class TvLinkService(IDbContextFactory<DashboardDbContext> contexts, AccountCheck accounts, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, TimeProvider time)
{
    /// <summary>256 random bits: far past guessing, and past the 128 the issue asks for.</summary>
    public const int TokenBytes = 32;

    /// <summary>How often a screen's use of its link is written down: enough to tell a live TV from a dead one.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>Raised with a link's id once it is revoked, so that the screens using it empty at once.</summary>
    public event Action<long>? Revoked;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public async Task<IReadOnlyList<TvLinkSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var links = await db.TvLinks.AsNoTracking().ToListAsync(cancellationToken);
        // Active first, newest first: what a Manager looks for.
        return [.. links.OrderBy(l => l.RevokedAt is not null).ThenByDescending(l => l.Id)
            .Select(l => new TvLinkSummary(l.Id, l.Name, l.Settings, l.CreatedAt, l.CreatedBy, l.LastUsedAt, l.RevokedAt, l.RevokedBy))];
    }

    public async Task<TvLinkCreated> CreateAsync(ClaimsPrincipal by, string? name, TvSettings settings, CancellationToken cancellationToken)
    {
        var target = $"TV link \"{name?.Trim()}\"";
        var problem = await RefuseUnlessManagerAsync(by, cancellationToken)
            ?? (string.IsNullOrWhiteSpace(name) ? "Give the link a name, such as the room its screen is in." : null)
            ?? (name!.Trim().Length > TvLink.MaxNameLength ? $"A link's name has at most {TvLink.MaxNameLength} characters." : null)
            ?? (settings.ToQueryString().Length > TvLink.MaxSettingsLength ? $"The settings are too long to keep (at most {TvLink.MaxSettingsLength} characters)." : null);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (problem is not null)
        {
            db.AccountEvents.Add(Record(by, AccountEvent.TvLinkCreated, target, false, problem));
            await db.SaveChangesAsync(cancellationToken);
            return new TvLinkCreated(false, problem);
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        var query = settings.ToQueryString();
        db.TvLinks.Add(new TvLink
        {
            Name = name!.Trim(),
            TokenHash = Hash(token),
            Settings = query,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = Columns.Fit(AuthExtensions.RecordedName(by) ?? "anonymous", AccountEvent.MaxNameLength),
        });
        var message = $"TV link \"{name.Trim()}\" created{(query.Length > 0 ? $" for {query}" : "")}. Copy its address now: it is shown only once.";
        db.AccountEvents.Add(Record(by, AccountEvent.TvLinkCreated, target, true, message));
        await db.SaveChangesAsync(cancellationToken);
        return new TvLinkCreated(true, message, token);
    }

    public async Task<AccountResult> RevokeAsync(ClaimsPrincipal by, long linkId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.TvLinks.SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        var target = link is null ? $"TV link #{linkId}" : $"TV link \"{link.Name}\"";
        var problem = await RefuseUnlessManagerAsync(by, cancellationToken)
            ?? (link is null ? "There is no such TV link." : link.RevokedAt is not null ? $"{target} was already revoked." : null);
        if (problem is not null)
        {
            db.AccountEvents.Add(Record(by, AccountEvent.TvLinkRevoked, target, false, problem));
            await db.SaveChangesAsync(cancellationToken);
            return new AccountResult(false, problem);
        }

        link!.RevokedAt = time.GetUtcNow();
        link.RevokedBy = Columns.Fit(AuthExtensions.RecordedName(by) ?? "anonymous", AccountEvent.MaxNameLength);
        var message = $"{target} revoked: its screen went blank and the link opens nothing any more.";
        db.AccountEvents.Add(Record(by, AccountEvent.TvLinkRevoked, target, true, message));
        await db.SaveChangesAsync(cancellationToken);
        Revoked?.Invoke(link.Id);
        return new AccountResult(true, message);
    }

    /// <summary>
    /// The settings a token opens, or null when it is unknown or revoked (the two are not told apart). Notes the use.
    /// </summary>
    public async Task<TvGrant?> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200)
        {
            return null;
        }

        var hash = Hash(token.Trim());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.TvLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null || link.RevokedAt is not null)
        {
            return null;
        }

        await NoteUseAsync(db, link, cancellationToken);
        return new TvGrant(link.Id, link.Name, TvSettings.Parse(link.Settings));
    }

    /// <summary>Whether a link still opens its screen, for a screen that has it open; notes the use.</summary>
    public async Task<bool> IsActiveAsync(long linkId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.TvLinks.SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        if (link is null || link.RevokedAt is not null)
        {
            return false;
        }

        await NoteUseAsync(db, link, cancellationToken);
        return true;
    }

    private async Task NoteUseAsync(DashboardDbContext db, TvLink link, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (link.LastUsedAt is not { } last || now - last >= LastUseResolution)
        {
            // Only where no revocation came in between: a use must never undo a revoke.
            await db.TvLinks.Where(l => l.Id == link.Id && l.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastUsedAt, now), cancellationToken);
        }
    }

    private AccountEvent Record(ClaimsPrincipal by, string action, string target, bool succeeded, string message) =>
        AccountEvent.Of(time.GetUtcNow(), AuthExtensions.RecordedName(by) ?? "anonymous", action, target, null, succeeded, message);

    private async Task<string?> RefuseUnlessManagerAsync(ClaimsPrincipal by, CancellationToken cancellationToken) =>
        await authorization.AllowsAsync(by, AuthExtensions.ManagerPolicy) && await accounts.CurrentRoleAsync(by, cancellationToken) is not null
            ? null
            : "Only a Manager may make or revoke TV links; sign in again if your role has just changed.";
}
