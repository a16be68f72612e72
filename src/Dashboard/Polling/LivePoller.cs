using Iadvize.Client;
using Microsoft.Extensions.Options;

namespace Dashboard.Polling;

/// <summary>
/// Runs <see cref="PollCycle"/> at once, then every <see cref="PollingOptions.LiveInterval"/>, while this instance holds
/// the polling lease (always, alone). Cycles never overlap.
/// </summary>
public sealed class LivePoller(
    PollCycle cycle,
    TimeProvider time,
    IOptions<PollingOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<LivePoller> logger,
    IOptionsMonitor<IadvizeOptions> upstream,
    IPollingLease lease) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A new API key (configuration reload) is worth trying at once, even after a rejection.
        using var onKeyChange = upstream.OnChange(_ => cycle.Resume());
        await Periodic.RunWhileHeldAsync(lease, lifetime, options.Value.LiveInterval, time, cycle.RunOnceAsync,
            // One bad cycle must never stop the poller; the store keeps the last good picture.
            exception => logger.LogError(exception, "A live poll cycle failed."),
            () => logger.LogWarning("The polling lease was lost: this instance stopped polling the upstream."),
            stoppingToken);
    }
}
