namespace Iadvize.Client;

/// <summary>One page of a list endpoint. <see cref="Pages"/> is 1 when the answer had no pagination block.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int Pages);

/// <summary>Walks a paged list endpoint: page 1 tells how many pages there are, the rest are read a few at a time.</summary>
public static class PageWalker
{
    /// <summary>iAdvize's largest page.</summary>
    public const int MaxLimit = 100;

    // A defence against an upstream whose page count is absurd: 1,000 pages is 100,000 operators.
    private const int MaxPages = 1_000;

    public static async Task<ApiResult<IReadOnlyList<T>>> ReadAllAsync<T>(
        Func<int, CancellationToken, Task<ApiResult<Page<T>>>> fetchPage, int maxParallelism, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        var first = await fetchPage(1, cancellationToken).ConfigureAwait(false);
        if (!first.IsSuccess || first.Value is null)
        {
            return first.As<IReadOnlyList<T>>();
        }

        var pages = first.Value.Pages;
        if (pages > MaxPages)
        {
            return new ApiResult<IReadOnlyList<T>>(ApiOutcome.Malformed, default, $"The upstream reported {pages} pages, more than the {MaxPages} this client reads.");
        }

        if (pages <= 1 || first.Value.Items.Count == 0)
        {
            return ApiResult<IReadOnlyList<T>>.Ok(first.Value.Items);
        }

        var results = new ApiResult<Page<T>>[pages + 1];
        results[1] = first;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(2, pages - 1),
                new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = stop.Token },
                async (page, token) =>
                {
                    var result = await fetchPage(page, token).ConfigureAwait(false);
                    results[page] = result;
                    if (!result.IsSuccess)
                    {
                        // One failed page fails the walk: there is no point reading the others.
                        await stop.CancelAsync().ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Cancelled by a failed page; reported below.
        }

        var items = new List<T>(pages * MaxLimit);
        for (var page = 1; page <= pages; page++)
        {
            var result = results[page];
            if (result is null)
            {
                continue;
            }

            if (!result.IsSuccess || result.Value is null)
            {
                return result.As<IReadOnlyList<T>>();
            }

            items.AddRange(result.Value.Items);
        }

        return ApiResult<IReadOnlyList<T>>.Ok(items);
    }
}
