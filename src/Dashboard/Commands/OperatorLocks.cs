using System.Collections.Concurrent;

namespace Dashboard.Commands;

/// <summary>
/// One change to one operator at a time: the next one is checked against what the previous one left. Alone, a lock in
/// memory; scaled out, a lock on Redis (<see cref="ScaleOut.RedisOperatorLocks"/>) so that it holds whichever instance the
/// people changing that operator are on.
/// </summary>
public interface IOperatorLocks
{
    /// <summary>Waits for the operator's lock; dispose the answer to release it.</summary>
    /// <exception cref="OperatorLocksUnavailableException">The locks cannot be taken now (scaled out: Redis does not answer).</exception>
    Task<IAsyncDisposable> AcquireAsync(int operatorId, CancellationToken cancellationToken);
}

/// <summary>The operators' locks cannot be taken now: the change is refused, unsent, rather than made without one.</summary>
public sealed class OperatorLocksUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>The operators' locks of one instance.</summary>
public sealed class LocalOperatorLocks : IOperatorLocks
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _perOperator = new();

    public async Task<IAsyncDisposable> AcquireAsync(int operatorId, CancellationToken cancellationToken)
    {
        var gate = _perOperator.GetOrAdd(operatorId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
