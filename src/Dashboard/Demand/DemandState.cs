using Microsoft.Extensions.Localization;

namespace Dashboard.Demand;

/// <summary>
/// What the dashboard knows of today's demand: the last figures read (kept when a later read fails), when, and what went
/// wrong since. Times are in the day's time zone, so that "since 14:05" reads as the supervisor's clock.
/// </summary>
/// <param name="Figures">The last figures read; null before the first.</param>
/// <param name="UpdatedAt">When they were read.</param>
/// <param name="StaleAfter">When they are too old to show as current even without a failure (two periods missed).</param>
/// <param name="Problem">Why the last attempt did not update them; null after a success.</param>
public sealed record DemandState(DemandFigures? Figures, DateTimeOffset? UpdatedAt, DateTimeOffset? StaleAfter, string? Problem)
{
    public static readonly DemandState NotLoaded = new(null, null, null, null);

    public bool IsStale(DateTimeOffset now) => Figures is null || Problem is not null || now > StaleAfter;

    /// <summary>What to tell people when <see cref="IsStale"/>; null when the figures are current.</summary>
    /// <summary>What to tell people when <see cref="IsStale"/>, in the language of <paramref name="texts"/>; null when the figures are current.</summary>
    public string? Describe(DateTimeOffset now, IStringLocalizer texts)
    {
        var problem = Problem is null ? null : texts[Problem].Value;
        if (Figures is null)
        {
            return problem is null ? texts["Demand not loaded yet."] : $"{texts["Demand not loaded yet."]} {problem}";
        }

        if (!IsStale(now))
        {
            return null;
        }

        var since = UpdatedAt!.Value.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var notUpdated = texts["Demand not updated since {0}.", since];
        return problem is null ? notUpdated : $"{notUpdated} {problem}";
    }
}
