using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Preferences;

/// <summary>What of the dashboard's address a saved view keeps: its filters, order and grouping, nothing else.</summary>
public static class SavedViewQuery
{
    /// <summary>The query-string names <c>/</c> reads (see Home.razor and docs/contract-additions.md), in the order a view keeps them.</summary>
    public static readonly IReadOnlyList<string> Keys = ["q", "group", "skill", "website", "channel", "state", "sort", "groupby"];

    /// <summary>
    /// The query string of <paramref name="address"/> (a full URI, a path with a query, or a query) reduced to
    /// <see cref="Keys"/>, in that order, blanks left out; empty when none is set. Two addresses that show the same view
    /// give the same text.
    /// </summary>
    public static string Canonical(string address)
    {
        var start = address.IndexOf('?', StringComparison.Ordinal);
        var end = address.IndexOf('#', StringComparison.Ordinal);
        var query = start < 0 ? "" : end > start ? address[start..end] : address[start..];
        var values = QueryHelpers.ParseQuery(query);
        return QueryString.Create(Keys
            .Select(key => new KeyValuePair<string, string?>(key, values.TryGetValue(key, out var value) ? value.FirstOrDefault()?.Trim() : null))
            .Where(pair => !string.IsNullOrEmpty(pair.Value))).ToString();
    }
}
