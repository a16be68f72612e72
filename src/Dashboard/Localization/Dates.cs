using System.Globalization;

namespace Dashboard.Localization;

/// <summary>
/// Dates and times shown to people, in UTC, written as the page's culture writes them. English keeps the dashboard's
/// year-first form ("2026-11-25 08:41"), which no reader on either side of the Atlantic misreads; French writes
/// "25/11/2026 08:41". Hooks (<c>data-*</c>) and exports stay ISO 8601 whatever the language.
/// </summary>
public static class Dates
{
    /// <summary>Date and time to the second.</summary>
    public static string ToSecond(DateTimeOffset at) => Format(at, "G", "yyyy-MM-dd HH:mm:ss");

    /// <summary>Date and time to the minute.</summary>
    public static string ToMinute(DateTimeOffset at) => Format(at, "g", "yyyy-MM-dd HH:mm");

    /// <summary>Time of day to the minute ("14:05"), the same in both languages.</summary>
    public static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Format(DateTimeOffset at, string standard, string english)
    {
        var culture = CultureInfo.CurrentCulture;
        return Languages.IndexOf(culture) == 0
            ? at.UtcDateTime.ToString(english, CultureInfo.InvariantCulture)
            : at.UtcDateTime.ToString(standard, culture);
    }
}
