namespace Iadvize.Client;

/// <summary>One page of a list endpoint. <see cref="Pages"/> is 1 when the answer had no pagination block.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int Pages);

/// <summary>Walks a paged list endpoint from page 1 until <c>page == pages</c>.</summary>
public static class PageWalker
{
    /// <summary>iAdvize's largest page.</summary>
    public const int MaxLimit = 100;

    // A defence against an upstream whose page count grows while we read: 1,000 pages is 100,000 operators.
    private const int MaxPages = 1_000;

    public static async Task<ApiResult<IReadOnlyList<T>>> ReadAllAsync<T>(
        Func<int, CancellationToken, Task<ApiResult<Page<T>>>> fetchPage, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        for (var page = 1; page <= MaxPages; page++)
        {
            var result = await fetchPage(page, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess || result.Value is null)
            {
                return result.As<IReadOnlyList<T>>();
            }

            items.AddRange(result.Value.Items);
            if (result.Value.PageNumber >= result.Value.Pages || result.Value.Items.Count == 0)
            {
                return ApiResult<IReadOnlyList<T>>.Ok(items);
            }
        }

        return new ApiResult<IReadOnlyList<T>>(ApiOutcome.Malformed, default, $"The upstream reported more than {MaxPages} pages.");
    }
}
