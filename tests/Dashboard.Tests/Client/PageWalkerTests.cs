using Iadvize.Client;

namespace Dashboard.Tests.Client;

public sealed class PageWalkerTests
{
    [Fact]
    public async Task Pages_after_the_first_are_read_a_few_at_a_time_and_kept_in_order()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;

        async Task<ApiResult<Page<int>>> Fetch(int page, CancellationToken token)
        {
            if (page > 1)
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref maxInFlight, now);
                if (Interlocked.Increment(ref started) == 2)
                {
                    release.SetResult();
                }

                await release.Task.WaitAsync(token);
                Interlocked.Decrement(ref inFlight);
            }

            return ApiResult<Page<int>>.Ok(new Page<int>([page * 10, page * 10 + 1], page, 6));
        }

        var result = await PageWalker.ReadAllAsync(Fetch, maxParallelism: 2, TestContext.Current.CancellationToken);

        result.Value.ShouldBe([10, 11, 20, 21, 30, 31, 40, 41, 50, 51, 60, 61]);
        maxInFlight.ShouldBe(2);
    }

    [Fact]
    public async Task A_failed_page_fails_the_walk_with_its_own_outcome()
    {
        Task<ApiResult<Page<int>>> Fetch(int page, CancellationToken token) => Task.FromResult(page == 3
            ? new ApiResult<Page<int>>(ApiOutcome.ServerError, null, "HTTP 502")
            : ApiResult<Page<int>>.Ok(new Page<int>([page], page, 5)));

        var result = await PageWalker.ReadAllAsync(Fetch, maxParallelism: 4, TestContext.Current.CancellationToken);

        result.Outcome.ShouldBe(ApiOutcome.ServerError);
        result.Message.ShouldBe("HTTP 502");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
