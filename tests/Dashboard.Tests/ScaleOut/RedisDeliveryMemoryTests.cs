using Dashboard.ScaleOut;
using Dashboard.Webhooks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.Tests.ScaleOut;

/// <summary>Two instances' webhook memory on one Redis (test.sh's PostgreSQL pass names it; skipped without).</summary>
[Trait("Database", "Postgres")]
public sealed class RedisDeliveryMemoryTests
{
    private static readonly string? Redis = Environment.GetEnvironmentVariable(ScaleOutTests.RedisVariable) is { Length: > 0 } address ? address : null;

    [Fact]
    public async Task A_delivery_accepted_on_one_instance_is_a_repeat_on_another()
    {
        Assert.SkipUnless(Redis is not null, $"{ScaleOutTests.RedisVariable} names no Redis server: test.sh sets it in its PostgreSQL pass.");
        var scaleOut = Options.Create(new ScaleOutOptions { ConnectionString = Redis, Prefix = $"dashboard-test-{Guid.NewGuid():N}" });
        var webhooks = Options.Create(new WebhookOptions());
        await using var redisA = await ConnectionMultiplexer.ConnectAsync(Redis!);
        await using var redisB = await ConnectionMultiplexer.ConnectAsync(Redis!);
        var instanceA = new RedisDeliveryMemory(redisA, scaleOut, webhooks);
        var instanceB = new RedisDeliveryMemory(redisB, scaleOut, webhooks);
        var token = TestContext.Current.CancellationToken;

        (await instanceA.TryRememberAsync("event-1", "correlation-1", token)).ShouldBeTrue();

        (await instanceB.TryRememberAsync("event-1", "correlation-1", token)).ShouldBeFalse();
        (await instanceB.TryRememberAsync("event-2", "correlation-1", token)).ShouldBeFalse();
        (await instanceB.TryRememberAsync("event-1", null, token)).ShouldBeFalse();
        (await instanceB.TryRememberAsync("event-3", "correlation-3", token)).ShouldBeTrue();
        (await instanceA.TryRememberAsync("event-4", null, token)).ShouldBeTrue();
        var ttl = await redisA.GetDatabase().KeyTimeToLiveAsync($"{scaleOut.Value.Prefix}:webhook:e:event-1");
        ttl.ShouldNotBeNull();
        ttl.Value.ShouldBeLessThanOrEqualTo(webhooks.Value.DeduplicationWindow);
        ttl.Value.ShouldBeGreaterThan(webhooks.Value.DeduplicationWindow - TimeSpan.FromMinutes(1));
    }
}
