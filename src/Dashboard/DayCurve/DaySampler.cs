using Dashboard.Live;
using Dashboard.Polling;
using Microsoft.Extensions.Options;

namespace Dashboard.DayCurve;

/// <summary>
/// Once a <see cref="SampleOptions.Interval"/>, takes the headline figures of every operator from the live store and
/// stores them. No sample while the data is stale: the curve shows a gap, never invented figures. A database that does
/// not answer loses that sample (logged); the next one is tried as usual.
/// </summary>
public sealed class DaySampler(
    AvailabilityStore live,
    SampleStore samples,
    DayCurveStore curve,
    TimeProvider time,
    IOptions<SampleOptions> options,
    IOptions<PollingOptions> polling,
    ILogger<DaySampler> logger,
    IPollingLease lease) : BackgroundService
{
    /// <summary>The sample to take now: null while the live data is stale (or before the first poll).</summary>
    public static AvailabilitySample? Take(Snapshot snapshot, UpstreamHealth health, DateTimeOffset now, TimeSpan liveInterval) =>
        snapshot.TakenAt is null || health.IsStale(now, liveInterval) ? null : AvailabilitySample.From(snapshot.Kpis, now);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // After the migrator (registered before): the morning's samples are on the page from the first render.
        try
        {
            curve.Load(await samples.ReadSinceAsync(curve.StartOfDay(time.GetUtcNow()), cancellationToken));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not read today's availability samples; the day's curve starts empty.");
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// One tick: a sample stored and added to the curve, or a gap. Scaled out, only the polling instance samples; the
    /// others draw what it stored (<see cref="FollowAsync"/>), so that the table gets one row a tick whatever the number
    /// of instances, and every instance draws the same curve.
    /// </summary>
    public async Task SampleOnceAsync(CancellationToken cancellationToken)
    {
        if (!lease.IsHeld)
        {
            await FollowAsync(cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        if (Take(live.Current, live.Health, now, polling.Value.LiveInterval) is not { } sample)
        {
            logger.LogDebug("No availability sample at {At}: the live data is stale.", now);
            curve.Refresh();
            return;
        }

        try
        {
            await samples.AddAsync(sample, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "The availability sample of {At} could not be stored and is lost.", now);
            curve.Refresh();
            return;
        }

        curve.Add(sample);
    }

    /// <summary>Adds to the curve the samples the polling instance stored since the last one drawn here.</summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var last = curve.LastSampleAt;
        try
        {
            var stored = await samples.ReadSinceAsync(last ?? curve.StartOfDay(time.GetUtcNow()), cancellationToken);
            curve.Load(stored.Where(sample => last is null || sample.At > last));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not read the availability samples the polling instance stored; the curve waits for the next tick.");
            curve.Refresh();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SampleOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One bad tick must never stop the next ones.
                logger.LogError(exception, "Taking an availability sample failed.");
            }
        }
    }
}
