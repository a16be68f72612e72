using Dashboard.Commands;
using Medallion.Threading.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.ScaleOut;

/// <summary>
/// The operators' locks on Redis (DistributedLock.Redis), shared by every instance: two Managers changing one operator
/// from two instances take turns, as they would on one. The library renews a held lock; one whose instance died expires.
/// </summary>
public sealed class RedisOperatorLocks(IConnectionMultiplexer redis, IOptions<ScaleOutOptions> options) : IOperatorLocks
{
    // Longer than a change can take is not needed: the lock is renewed while held. Short, so a dead holder frees it soon.
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(15);

    public async Task<IAsyncDisposable> AcquireAsync(int operatorId, CancellationToken cancellationToken)
    {
        var gate = new RedisDistributedLock($"{options.Value.Prefix}:operator-lock:{operatorId}", redis.GetDatabase(), settings => settings
            .Expiry(Expiry)
            .BusyWaitSleepTime(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100)));
        try
        {
            return await gate.AcquireAsync(timeout: null, cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw new OperatorLocksUnavailableException(
                "Changes cannot be made now: the dashboard's instances cannot coordinate them (Redis does not answer). Try again in a moment.", exception);
        }
    }
}
