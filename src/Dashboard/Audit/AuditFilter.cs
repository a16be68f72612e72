using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Audit;

/// <summary>
/// Which entries to show, as carried by the query string of <c>/audit</c> and <c>/audit/export.csv</c>: <c>operator</c>
/// (id or part of the name), <c>user</c>, <c>channel</c>, <c>from</c>/<c>to</c> (ISO 8601, UTC when no offset), <c>outcome</c>.
/// </summary>
public sealed record AuditFilter(
    string? Operator = null,
    string? User = null,
    string? Channel = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    AuditOutcome? Outcome = null)
{
    public static AuditFilter FromQuery(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        string? Text(string key) => values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        return new AuditFilter(
            Text("operator"),
            Text("user"),
            Text("channel")?.ToLowerInvariant(),
            ParseTime(Text("from")),
            ParseTime(Text("to")),
            Enum.TryParse<AuditOutcome>(Text("outcome"), ignoreCase: true, out var outcome) ? outcome : null);
    }

    public static AuditFilter FromUri(Uri uri) => FromQuery(QueryHelpers.ParseQuery(uri.Query));

    /// <summary>The query string for this filter (without <c>?</c>), plus extra pairs such as the page.</summary>
    public string ToQuery(params (string Key, string? Value)[] extra)
    {
        var pairs = new (string Key, string? Value)[]
        {
            ("operator", Operator), ("user", User), ("channel", Channel),
            ("from", From?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ("to", To?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ("outcome", Outcome?.ToString()),
        }.Concat(extra);
        return string.Join("&", pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
