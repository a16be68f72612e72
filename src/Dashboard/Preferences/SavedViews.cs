using System.Security.Claims;
using Dashboard.Storage;
using Dashboard.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Preferences;

/// <summary>One saved view as the menu lists it.</summary>
public sealed record SavedViewSummary(long Id, string Name, string Query)
{
    /// <summary>Where it opens: the dashboard with its filters.</summary>
    public string Href => "/" + Query;
}

/// <summary>What came of saving, renaming or deleting a view.</summary>
public enum SavedViewOutcome
{
    Saved,

    /// <summary>A view of that name existed and, as asked, now holds the new filters.</summary>
    Replaced,

    Renamed,

    Deleted,

    /// <summary>A view of that name exists: nothing was changed; saving again with <c>replace</c> replaces it.</summary>
    NameTaken,

    /// <summary>Nothing was changed; the message says why.</summary>
    Refused,
}

/// <summary>The outcome and what to tell the person, in their language.</summary>
public sealed record SavedViewResult(SavedViewOutcome Outcome, string Message)
{
    public bool Succeeded => Outcome is SavedViewOutcome.Saved or SavedViewOutcome.Replaced or SavedViewOutcome.Renamed or SavedViewOutcome.Deleted;
}

/// <summary>
/// Each person's saved views of the dashboard (<see cref="SavedView"/>). Any signed-in role keeps their own, and sees and
/// changes only their own: every call is scoped to the caller's key (<see cref="UserPreferences.KeyOf"/>).
/// A name already taken is not overwritten silently: the caller is told, and replaces only when the person confirms.
/// </summary>
public sealed class SavedViews(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time, IStringLocalizer<Texts> texts)
{
    public async Task<IReadOnlyList<SavedViewSummary>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var key = KeyOf(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var views = await db.SavedViews.AsNoTracking().Where(v => v.UserKey == key)
            .Select(v => new SavedViewSummary(v.Id, v.Name, v.Query)).ToListAsync(cancellationToken);
        // Ordered here, in the person's culture: the database's collation is not theirs.
        return [.. views.OrderBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>
    /// Keeps the filters of <paramref name="address"/> under <paramref name="name"/>. A name the person already uses is
    /// answered <see cref="SavedViewOutcome.NameTaken"/> unless <paramref name="replace"/> says to replace that view.
    /// </summary>
    public async Task<SavedViewResult> SaveAsync(ClaimsPrincipal user, string? name, string address, bool replace, CancellationToken cancellationToken)
    {
        var key = KeyOf(user);
        var query = SavedViewQuery.Canonical(address);
        if (NameProblem(name) is { } problem)
        {
            return Refused(problem);
        }

        if (query.Length == 0)
        {
            return Refused(texts["Set a filter, an order or a grouping first: a view without any opens the dashboard as it is."]);
        }

        if (query.Length > SavedView.MaxQueryLength)
        {
            return Refused(texts["These filters are too long to keep (at most {0} characters).", SavedView.MaxQueryLength]);
        }

        var trimmed = name!.Trim();
        var normalized = SavedView.Normalize(trimmed);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.SavedViews.SingleOrDefaultAsync(v => v.UserKey == key && v.NormalizedName == normalized, cancellationToken);
        if (existing is not null)
        {
            if (!replace)
            {
                return new SavedViewResult(SavedViewOutcome.NameTaken, texts["You already have a view named “{0}”. Replace it with the current filters, or choose another name.", existing.Name]);
            }

            existing.Name = trimmed;
            existing.Query = query;
            existing.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return new SavedViewResult(SavedViewOutcome.Replaced, texts["View “{0}” replaced with the current filters.", trimmed]);
        }

        if (await db.SavedViews.CountAsync(v => v.UserKey == key, cancellationToken) >= SavedView.MaxPerPerson)
        {
            return Refused(texts["You have {0} saved views, the most one person can keep: delete one first, or replace one by saving under its name.", SavedView.MaxPerPerson]);
        }

        await UserPreferences.RowAsync(db, key, now, cancellationToken);
        db.SavedViews.Add(new SavedView { UserKey = key, Name = trimmed, NormalizedName = normalized, Query = query, CreatedAt = now, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same name saved from another page of the person's in between: theirs stays, as any taken name would.
            return new SavedViewResult(SavedViewOutcome.NameTaken, texts["You already have a view named “{0}”. Replace it with the current filters, or choose another name.", trimmed]);
        }

        return new SavedViewResult(SavedViewOutcome.Saved, texts["View “{0}” saved.", trimmed]);
    }

    public async Task<SavedViewResult> RenameAsync(ClaimsPrincipal user, long viewId, string? name, CancellationToken cancellationToken)
    {
        var key = KeyOf(user);
        if (NameProblem(name) is { } problem)
        {
            return Refused(problem);
        }

        var trimmed = name!.Trim();
        var normalized = SavedView.Normalize(trimmed);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.SavedViews.SingleOrDefaultAsync(v => v.Id == viewId && v.UserKey == key, cancellationToken) is not { } view)
        {
            return Refused(texts["This view no longer exists: it was deleted from another page."]);
        }

        if (await db.SavedViews.AnyAsync(v => v.UserKey == key && v.NormalizedName == normalized && v.Id != viewId, cancellationToken))
        {
            return Refused(texts["You already have a view named “{0}”: choose another name, or delete that view first.", trimmed]);
        }

        var before = view.Name;
        view.Name = trimmed;
        view.NormalizedName = normalized;
        view.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Refused(texts["You already have a view named “{0}”: choose another name, or delete that view first.", trimmed]);
        }

        return new SavedViewResult(SavedViewOutcome.Renamed, texts["View “{0}” renamed “{1}”.", before, trimmed]);
    }

    public async Task<SavedViewResult> DeleteAsync(ClaimsPrincipal user, long viewId, CancellationToken cancellationToken)
    {
        var key = KeyOf(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.SavedViews.SingleOrDefaultAsync(v => v.Id == viewId && v.UserKey == key, cancellationToken) is not { } view)
        {
            return Refused(texts["This view no longer exists: it was deleted from another page."]);
        }

        db.SavedViews.Remove(view);
        await db.SaveChangesAsync(cancellationToken);
        return new SavedViewResult(SavedViewOutcome.Deleted, texts["View “{0}” deleted.", view.Name]);
    }

    /// <summary>Why <paramref name="name"/> cannot name a view, or null when it can.</summary>
    public string? NameProblem(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return texts["Give the view a name, such as the team or the question it answers."];
        }

        if (trimmed.Length > SavedView.MaxNameLength)
        {
            return texts["A view's name has at most {0} characters; this one has {1}.", SavedView.MaxNameLength, trimmed.Length];
        }

        return trimmed.Any(char.IsControl) ? texts["A view's name cannot hold line breaks or other control characters."].Value : null;
    }

    private static string KeyOf(ClaimsPrincipal user) =>
        UserPreferences.KeyOf(user) ?? throw new InvalidOperationException("Only a signed-in person has saved views.");

    private static SavedViewResult Refused(string message) => new(SavedViewOutcome.Refused, message);
}
