using Dashboard.Polling;
using Microsoft.Extensions.Options;

namespace Dashboard.Demand;

/// <summary>
/// Runs <see cref="DemandReader"/> once the app listens, then every <see cref="DemandOptions.Interval"/>, on the instance
/// that holds the polling lease only (the request budget is the account's). Reads never overlap.
/// </summary>
public sealed class DemandPoller(
    DemandReader reader,
    DemandStore store,
    Dashboard.DayCurve.DayCurveStore curve,
    TimeProvider time,
    IOptions<DemandOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<DemandPoller> logger,
    IPollingLease lease) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunWhileHeldAsync(lease, lifetime, options.Value.Interval, time, reader.RunOnceAsync,
            exception =>
            {
                // One bad read must never stop the next ones, nor the live poll; the page says the figures are old.
                logger.LogError(exception, "A demand read failed.");
                store.ReportProblem("Reading the statistics failed unexpectedly.");
                curve.ReportHourlyProblem("Reading the statistics failed unexpectedly.");
            },
            () => logger.LogInformation("The polling lease was lost: this instance stopped reading the statistics."),
            stoppingToken);
}
