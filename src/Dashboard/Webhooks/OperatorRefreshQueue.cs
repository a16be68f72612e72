using System.Threading.Channels;
using Dashboard.Polling;

namespace Dashboard.Webhooks;

/// <summary>Asks for an operator to be read from the upstream soon.</summary>
public interface IOperatorRefresher
{
    /// <summary>Answers false when the request was dropped (the queue is full); the next poll then brings the change.</summary>
    bool Request(int operatorId);
}

/// <summary>
/// Reads back the operators webhooks name (<see cref="PollCycle.RefreshOperatorAsync"/>), off the request path.
/// </summary>
/// <remarks>
/// Queued rather than read inside the request: iAdvize wants a quick answer and retries a slow one, one GET through the
/// resilience pipeline can take several attempt timeouts when the upstream struggles, and a burst of events about one
/// operator needs one read, not one per event. An operator already waiting is not queued twice; one named while being read
/// is read once more afterwards, so the last event is always followed by a read that began after it. At most one read per
/// operator runs at a time, so an older answer never overwrites a newer one from this queue.
/// </remarks>
public sealed class OperatorRefreshQueue(PollCycle poll, ILogger<OperatorRefreshQueue> logger) : BackgroundService, IOperatorRefresher
{
    public const int Capacity = 10_000;

    /// <summary>Reads in flight at once: enough to keep the latency low under a burst, few enough to stay polite.</summary>
    public const int MaxConcurrentReads = 4;

    private readonly Channel<int> _queue = Channel.CreateBounded<int>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });
    private readonly Lock _gate = new();
    private readonly HashSet<int> _queued = [];
    private readonly HashSet<int> _reading = [];
    private readonly HashSet<int> _readAgain = [];
    private long _dropped;

    /// <summary>Requests dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public bool Request(int operatorId)
    {
        lock (_gate)
        {
            if (_queued.Contains(operatorId))
            {
                return true;
            }

            if (_reading.Contains(operatorId))
            {
                _readAgain.Add(operatorId);
                return true;
            }

            return TryQueue(operatorId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                _queue.Reader.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentReads, CancellationToken = stoppingToken },
                ReadAsync);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async ValueTask ReadAsync(int operatorId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _queued.Remove(operatorId);
            _reading.Add(operatorId);
        }

        try
        {
            await poll.RefreshOperatorAsync(operatorId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One failed read must not stop the others; the poll brings the change anyway.
            logger.LogWarning(exception, "Reading operator {Operator} after a webhook failed.", operatorId);
        }
        finally
        {
            lock (_gate)
            {
                _reading.Remove(operatorId);
                if (_readAgain.Remove(operatorId))
                {
                    TryQueue(operatorId);
                }
            }
        }
    }

    private bool TryQueue(int operatorId)
    {
        if (!_queue.Writer.TryWrite(operatorId))
        {
            Interlocked.Increment(ref _dropped);
            logger.LogWarning("Webhook refresh queue full: operator {Operator} waits for the next poll.", operatorId);
            return false;
        }

        _queued.Add(operatorId);
        return true;
    }
}
