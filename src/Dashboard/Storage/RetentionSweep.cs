namespace Dashboard.Storage;

/// <summary>
/// Deletes rows older than a retention, at start and then once a day (the audit's entries, the day curve's samples). A
/// failed sweep is logged and tried again the next day; the app keeps running.
/// </summary>
public abstract class RetentionSweep(TimeProvider time, ILogger logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    /// <summary>What is kept, in the log's words ("audit entries").</summary>
    protected abstract string What { get; }

    /// <summary>How long rows are kept.</summary>
    protected abstract TimeSpan Retention { get; }

    /// <summary>Deletes the rows older than <see cref="Retention"/>; answers how many.</summary>
    public Task<int> SweepAsync(CancellationToken cancellationToken) => DeleteOlderThanAsync(time.GetUtcNow() - Retention, cancellationToken);

    protected abstract Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

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
                    logger.LogInformation("Deleted {Count} {What} older than {Retention}.", deleted, What, Retention);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The retention sweep of the {What} failed; it runs again tomorrow.", What);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
