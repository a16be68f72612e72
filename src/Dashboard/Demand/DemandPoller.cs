using Microsoft.Extensions.Options;

namespace Dashboard.Demand;

/// <summary>Runs <see cref="DemandReader"/> once the app listens, then every <see cref="DemandOptions.Interval"/>. Reads never overlap.</summary>
public sealed class DemandPoller(
    DemandReader reader,
    DemandStore store,
    TimeProvider time,
    IOptions<DemandOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<DemandPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The embedded simulator is served by this very app: wait until it listens.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await reader.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // One bad read must never stop the next ones, nor the live poll; the page says the figures are old.
                logger.LogError(exception, "A demand read failed.");
                store.ReportProblem("Reading the statistics failed unexpectedly.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
