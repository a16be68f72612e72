using Microsoft.Extensions.Options;

namespace Dashboard.Audit;

/// <summary>
/// At start, after the migrations, turns this instance's entries left without a completion into "outcome unknown":
/// their change may or may not have reached iAdvize, and the trail says so rather than leaving them looking in flight
/// for ever. Then, every <see cref="AuditOptions.PendingTimeout"/>, does the same for entries of any instance that have
/// waited longer than that (their instance stopped, and may never start again under the same name).
/// </summary>
internal sealed class AuditReconciler(AuditTrail trail, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditReconciler> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the app serves anyone: nobody sees an entry that looks in flight but is not.
        Report(await trail.ReconcileAsync(cancellationToken));
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PendingTimeout, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Only abandoned entries: this instance's own changes in flight are not to be touched now.
                Report(await trail.CloseAbandonedAsync(stoppingToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Closing unfinished audit entries failed; retried in {Period}.", options.Value.PendingTimeout);
            }
        }
    }

    private void Report(int reconciled)
    {
        if (reconciled > 0)
        {
            logger.LogWarning("{Count} audit entries had no recorded outcome and are now marked Unknown.", reconciled);
        }
    }
}

/// <summary>Deletes audit entries older than <see cref="AuditOptions.Retention"/>, at start and then once a day.</summary>
internal sealed class AuditRetention(AuditTrail trail, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    public async Task<int> SweepAsync(CancellationToken cancellationToken) =>
        await trail.DeleteOlderThanAsync(time.GetUtcNow() - options.Value.Retention, cancellationToken);

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
                    logger.LogInformation("Deleted {Count} audit entries older than {Retention}.", deleted, options.Value.Retention);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed sweep is retried tomorrow; the app keeps running.
                logger.LogError(exception, "The audit retention sweep failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
