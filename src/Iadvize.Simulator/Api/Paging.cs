using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Iadvize.Simulator.Api;

internal readonly record struct Paging(int Page, int Limit)
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;

    public long Skip => (long)(Page - 1) * Limit;

    public static bool TryRead(IQueryCollection query, out Paging paging, [NotNullWhen(false)] out string? error)
    {
        paging = default;
        error = null;
        var page = 1;
        var limit = DefaultLimit;

        var pageText = query["page"].ToString();
        if (pageText.Length > 0
            && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            error = $"Invalid 'page' value '{pageText}': expected a positive integer.";
            return false;
        }

        var limitText = query["limit"].ToString();
        if (limitText.Length > 0)
        {
            // Any positive number is accepted; the API quietly caps what it serves at 100.
            if (!decimal.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limitValue) || limitValue < 1)
            {
                error = $"Invalid 'limit' value '{limitText}': expected a positive integer (at most {MaxLimit} are served).";
                return false;
            }

            limit = (int)Math.Min(limitValue, MaxLimit);
        }

        paging = new Paging(page, limit);
        return true;
    }

    public IReadOnlyList<T> Slice<T>(IReadOnlyList<T> items) =>
        Skip >= items.Count ? [] : [.. items.Skip((int)Skip).Take(Limit)];

    // An empty list still has one (empty) page, so "loop until page == pages" ends.
    public Pagination Describe(int count) => new(Page, Math.Max(1, (count + Limit - 1) / Limit), Limit, count);
}
