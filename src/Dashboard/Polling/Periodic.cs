namespace Dashboard.Polling;

/// <summary>
/// The loop every background reader of the upstream runs: once the app listens (the embedded simulator is served by this
/// very app), at once and then every period, never two at a time, and one failed run never stops the next.
/// </summary>
public static class Periodic
{
    public static async Task RunAfterStartAsync(
        IHostApplicationLifetime lifetime,
        TimeSpan period,
        TimeProvider time,
        Func<CancellationToken, Task> run,
        Action<Exception> failed,
        CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        using var timer = new PeriodicTimer(period, time);
        do
        {
            try
            {
                await run(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// <see cref="RunAfterStartAsync"/> for as long as this instance holds the polling lease: it stops at once when the
    /// lease is lost, and starts again when it comes back.
    /// </summary>
    public static async Task RunWhileHeldAsync(
        IPollingLease lease,
        IHostApplicationLifetime lifetime,
        TimeSpan period,
        TimeProvider time,
        Func<CancellationToken, Task> run,
        Action<Exception> failed,
        Action lost,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            CancellationToken turn;
            try
            {
                turn = await lease.WaitForTurnAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            using var during = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, turn);
            try
            {
                await RunAfterStartAsync(lifetime, period, time, run, failed, during.Token);
            }
            catch (OperationCanceledException) when (during.IsCancellationRequested)
            {
                // The lease or the host ended the turn: both stop the loop the same way.
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                lost();
            }
        }
    }
}
