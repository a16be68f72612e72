using Microsoft.Extensions.Options;

namespace Dashboard.DayCurve;

/// <summary>Deletes samples older than <see cref="SampleOptions.Retention"/>, at start and then once a day, as the audit's retention does.</summary>
public sealed class SampleRetention(SampleStore samples, IOptions<SampleOptions> options, TimeProvider time, ILogger<SampleRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    public Task<int> SweepAsync(CancellationToken cancellationToken) =>
        samples.DeleteOlderThanAsync(time.GetUtcNow() - options.Value.Retention, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                var deleted = await SweepAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} availability samples older than {Retention}.", deleted, options.Value.Retention);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed sweep is retried tomorrow; the app keeps running.
                logger.LogError(exception, "The availability samples' retention sweep failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
