using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iadvize.Simulator;

/// <summary>Moves the simulated platform along, one <see cref="SimulatedPlatform.Step"/> per tick.</summary>
internal sealed class SimulatorActivity(
    SimulatedPlatform platform,
    IOptions<SimulatorOptions> options,
    TimeProvider timeProvider,
    ILogger<SimulatorActivity> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Checked here rather than at registration so that configuration can turn the activity off.
        if (!options.Value.RunActivity)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.TickInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    platform.Step();
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Simulator tick failed; the next tick will try again.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }
}
