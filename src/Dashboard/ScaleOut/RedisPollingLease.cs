using Dashboard.Polling;
using Medallion.Threading.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.ScaleOut;

/// <summary>
/// The polling lease on Redis, from DistributedLock.Redis: a lock that expires after <see cref="ScaleOutOptions.Lease"/>
/// unless renewed, and is renewed every third of it. Every instance waits for it; the one that holds it polls until the
/// library reports the lock lost (a renewal that failed: Redis unreachable, or a pause longer than the lease), then stops at
/// once and waits again. An instance that dies stops renewing, so another holds the lock within a lease and a retry.
/// </summary>
public sealed class RedisPollingLease(
    IConnectionMultiplexer redis,
    LiveReplication replication,
    IOptions<ScaleOutOptions> options,
    TimeProvider time,
    ILogger<RedisPollingLease> logger) : BackgroundService, IPollingLease
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<CancellationToken> _turn = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _held;

    public bool IsHeld => _held;

    public Task<CancellationToken> WaitForTurnAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _turn.Task.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lease = options.Value.Lease;
        var polling = new RedisDistributedLock($"{options.Value.Prefix}:polling-lease", redis.GetDatabase(), settings => settings
            .Expiry(lease)
            .ExtensionCadence(lease / 3)
            // How often a waiting instance tries: a few times a lease, so a takeover comes soon after the expiry.
            .BusyWaitSleepTime(lease / 20, lease / 10));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await HoldAsync(polling, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "The polling lease could not be taken (is Redis reachable?); trying again.");
                await Task.Delay(lease / 5, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task HoldAsync(RedisDistributedLock polling, CancellationToken stoppingToken)
    {
        await using var handle = await polling.AcquireAsync(timeout: null, stoppingToken);
        using var term = CancellationTokenSource.CreateLinkedTokenSource(handle.HandleLostToken, stoppingToken);
        try
        {
            await replication.BeginTermAsync(term.Token);
            lock (_gate)
            {
                _held = true;
                _turn.TrySetResult(term.Token);
            }

            logger.LogInformation("This instance holds the polling lease: it polls the upstream and sends the picture to the others.");
            await Task.Delay(Timeout.InfiniteTimeSpan, time, term.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        finally
        {
            lock (_gate)
            {
                _held = false;
                _turn = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            // Before the lock is released (the handle's disposal), so that two instances never poll at once.
            replication.EndTerm();
            await term.CancelAsync();
        }

        if (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("The polling lease was lost: this instance stopped polling and follows the one that holds it now.");
        }
    }
}
