using Dashboard.Webhooks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.ScaleOut;

/// <summary>
/// Webhook deliveries remembered in Redis for <see cref="WebhookOptions.DeduplicationWindow"/>: iAdvize's retry of a
/// delivery may reach another instance than the first attempt did, and must still be dropped there.
/// </summary>
public sealed class RedisDeliveryMemory(IConnectionMultiplexer redis, IOptions<ScaleOutOptions> scaleOut, IOptions<WebhookOptions> webhooks) : IDeliveryMemory
{
    // Both ids checked and remembered in one step, so that two instances receiving one event at once accept it once.
    private const string CheckAndRemember = """
        for i = 1, #KEYS do
            if redis.call('exists', KEYS[i]) == 1 then return 0 end
        end
        for i = 1, #KEYS do
            redis.call('set', KEYS[i], '1', 'PX', ARGV[1])
        end
        return 1
        """;

    public async ValueTask<bool> TryRememberAsync(string eventId, string? correlationId, CancellationToken cancellationToken)
    {
        var prefix = $"{scaleOut.Value.Prefix}:webhook:";
        RedisKey[] keys = string.IsNullOrEmpty(correlationId)
            ? [prefix + "e:" + eventId]
            : [prefix + "e:" + eventId, prefix + "c:" + correlationId];
        var result = await redis.GetDatabase()
            .ScriptEvaluateAsync(CheckAndRemember, keys, [(long)webhooks.Value.DeduplicationWindow.TotalMilliseconds])
            .WaitAsync(cancellationToken);
        return (long)result == 1;
    }
}
