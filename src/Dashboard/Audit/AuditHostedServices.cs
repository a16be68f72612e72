using Dashboard.Storage;
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
internal sealed class AuditRetention(AuditTrail trail, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetention> logger)
    : RetentionSweep(time, logger)
{
    protected override string What => "audit entries";

    protected override TimeSpan Retention => options.Value.Retention;

    protected override Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        trail.DeleteOlderThanAsync(cutoff, cancellationToken);
}

