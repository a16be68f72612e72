using System.Globalization;
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
        var text = Reader(query);
        return new AuditFilter(
            text("operator"),
            text("user"),
            text("channel")?.ToLowerInvariant() is { } channel && Channels.Contains(channel) ? channel : null,
            ParseTime(text("from")),
            ParseTime(text("to")),
            ParseOutcome(text("outcome")));
    }

    // Fractions of a second only when there are some: a range ending at a minute's last tick stays exact, others stay short.
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.FFFFFFF'Z'";

    /// <summary>The channels an entry can name: a channel switch, or <c>offline</c> for a forced disconnection.</summary>
    public static readonly IReadOnlyList<string> Channels = ["chat", "call", "video", "offline"];

    /// <summary>Whether the time range ends before it starts, so that no entry can match (a filter, not a mistake in it).</summary>
    public bool IsEmptyRange => From is { } from && To is { } to && from > to;

    /// <summary>
    /// What in this query string <see cref="FromQuery"/> cannot use, and leaves out, in words for the person who typed it (a link or an
    /// edited address): a time it cannot read, an unknown channel or outcome. Empty when every value is
    /// understood.
    /// </summary>
    /// <param name="query">The query string.</param>
    /// <param name="quoteValues">
    /// Whether each message quotes the value; false for a response body of its own (the CSV export's 400), which does not
    /// echo what it was sent.
    /// </param>
    public static IReadOnlyList<string> ProblemsIn(IEnumerable<KeyValuePair<string, StringValues>> query, bool quoteValues = true)
    {
        var text = Reader(query);
        string Quoted(string value) => quoteValues ? $" “{value}”" : "";
        var problems = new List<string>();
        foreach (var (key, label) in new[] { ("from", "From"), ("to", "To") })
        {
            if (text(key) is { } time && ParseTime(time) is null)
            {
                problems.Add($"{label} time{Quoted(time)} is not a date and time (use 2026-11-30T09:00, in UTC).");
            }
        }

        if (text("channel") is { } channel && !Channels.Contains(channel.ToLowerInvariant()))
        {
            problems.Add($"Channel{Quoted(channel)} is unknown (use {string.Join(", ", Channels)}).");
        }

        if (text("outcome") is { } outcome && ParseOutcome(outcome) is null)
        {
            problems.Add($"Outcome{Quoted(outcome)} is unknown (use {string.Join(", ", Enum.GetNames<AuditOutcome>())}).");
        }

        return problems;
    }

    /// <summary>The query string for this filter (without <c>?</c>), plus extra pairs such as the page.</summary>
    public string ToQuery(params (string Key, string? Value)[] extra)
    {
        var pairs = new (string Key, string? Value)[]
        {
            ("operator", Operator), ("user", User), ("channel", Channel),
            ("from", From?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)),
            ("to", To?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)),
            ("outcome", Outcome?.ToString()),
        }.Concat(extra);
        return string.Join("&", pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
    }

    // A query value by name (any case), trimmed; null when absent or blank.
    private static Func<string, string?> Reader(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value.ToString().Trim(), StringComparer.OrdinalIgnoreCase);
        return key => values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
    }

    // By name only: Enum.TryParse also takes any number, which names no outcome.
    private static AuditOutcome? ParseOutcome(string? text) =>
        Enum.GetNames<AuditOutcome>().FirstOrDefault(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<AuditOutcome>(name)
            : null;

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
