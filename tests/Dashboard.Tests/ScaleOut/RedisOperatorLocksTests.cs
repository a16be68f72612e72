using Dashboard.ScaleOut;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.Tests.ScaleOut;

/// <summary>Two instances' operator locks on one Redis (test.sh's PostgreSQL pass names it; skipped without).</summary>
[Trait("Database", "Postgres")]
public sealed class RedisOperatorLocksTests
{
    private static readonly string? Redis = Environment.GetEnvironmentVariable(ScaleOutTests.RedisVariable) is { Length: > 0 } address ? address : null;

    [Fact]
    public async Task A_change_to_an_operator_on_one_instance_waits_for_one_on_another()
    {
        Assert.SkipUnless(Redis is not null, $"{ScaleOutTests.RedisVariable} names no Redis server: test.sh sets it in its PostgreSQL pass.");
        var options = Options.Create(new ScaleOutOptions { ConnectionString = Redis, Prefix = $"dashboard-test-{Guid.NewGuid():N}" });
        await using var redisA = await ConnectionMultiplexer.ConnectAsync(Redis!);
        await using var redisB = await ConnectionMultiplexer.ConnectAsync(Redis!);
        var instanceA = new RedisOperatorLocks(redisA, options);
        var instanceB = new RedisOperatorLocks(redisB, options);
        var token = TestContext.Current.CancellationToken;

        var held = await instanceA.AcquireAsync(7, token);
        using (var patience = CancellationTokenSource.CreateLinkedTokenSource(token))
        {
            patience.CancelAfter(TimeSpan.FromMilliseconds(500));
            await Should.ThrowAsync<OperationCanceledException>(() => instanceB.AcquireAsync(7, patience.Token));
        }

        await (await instanceB.AcquireAsync(8, token)).DisposeAsync();
        var waiting = instanceB.AcquireAsync(7, token);
        await held.DisposeAsync();
        await (await waiting.WaitAsync(TimeSpan.FromSeconds(5), token)).DisposeAsync();
    }
}
