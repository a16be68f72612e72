using Microsoft.Extensions.Options;

namespace Dashboard.Audit;

/// <summary>
/// At start, after the migrations, turns entries left without a completion into "outcome unknown": their change may or
/// may not have reached iAdvize, and the trail says so rather than leaving them looking in flight for ever.
/// </summary>
/// <remarks>
/// With several instances on one database this would also close another instance's change in flight; the scale-out work
/// should limit it to entries of this instance or older than the longest command.
/// </remarks>
internal sealed class AuditReconciler(AuditTrail trail, ILogger<AuditReconciler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var reconciled = await trail.ReconcileAsync(cancellationToken);
        if (reconciled > 0)
        {
            logger.LogWarning("{Count} audit entries had no recorded outcome and are now marked Unknown.", reconciled);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
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
