using Iadvize.Client;
using Microsoft.Extensions.Options;

namespace Dashboard.Polling;

/// <summary>Runs <see cref="PollCycle"/> at once, then every <see cref="PollingOptions.LiveInterval"/>. Cycles never overlap.</summary>
public sealed class LivePoller(
    PollCycle cycle,
    TimeProvider time,
    IOptions<PollingOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<LivePoller> logger,
    IOptionsMonitor<IadvizeOptions>? upstream = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A new API key (configuration reload) is worth trying at once, even after a rejection.
        using var onKeyChange = upstream?.OnChange(_ => cycle.Resume());
        // The embedded simulator is served by this very app: wait until it listens.
        await WaitForStartAsync(stoppingToken);

        using var timer = new PeriodicTimer(options.Value.LiveInterval, time);
        do
        {
            try
            {
                await cycle.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // One bad cycle must never stop the poller; the store keeps the last good picture.
                logger.LogError(exception, "A live poll cycle failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }
}
