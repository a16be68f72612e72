using Microsoft.Extensions.Options;

namespace Dashboard.Live;

/// <summary>Keeps <see cref="TimeInStateFile"/> up to date: at most once per interval, only when the picture changed.</summary>
internal sealed partial class TimeInStateWriter(
    AvailabilityStore store,
    TimeInStateFile file,
    IOptions<TimeInStateOptions> options,
    TimeProvider time,
    ILogger<TimeInStateWriter> logger) : BackgroundService
{
    // The empty snapshot's sequence: nothing is written before the first poll, so a restart that never reaches the
    // upstream keeps the previous run's file instead of emptying it.
    private long _written;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WriteInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteIfChangedAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Once more on the way down, so that a quick restart loses no start seen in the last interval.
        await WriteIfChangedAsync(CancellationToken.None);
    }

    internal async Task WriteIfChangedAsync(CancellationToken cancellationToken)
    {
        var snapshot = store.Current;
        if (snapshot.Sequence == _written)
        {
            return;
        }

        try
        {
            await file.WriteAsync(snapshot, cancellationToken);
            _written = snapshot.Sequence;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Losing the file only costs "start unknown" after a restart: never worth stopping the host for.
            LogWriteFailed(exception, file.FilePath);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Time in state: writing {Path} failed; trying again at the next change.")]
    private partial void LogWriteFailed(Exception exception, string path);
}
