using Dashboard.Live;

namespace Dashboard.Status;

/// <summary>
/// The upstream's last errors, newest first, for the status page: the store keeps only the latest. Followers hear the
/// polling instance's health, so they keep its errors too. Listens from the app's start to its stop.
/// </summary>
public sealed class UpstreamErrors(AvailabilityStore store, TimeProvider time) : IHostedService, IAvailabilityObserver
{
    /// <summary>How many errors are kept.</summary>
    public const int Kept = 10;

    private readonly Lock _gate = new();
    private readonly LinkedList<UpstreamError> _errors = new();
    private (string Message, DateTimeOffset? At)? _last;
    private IDisposable? _subscription;

    public IReadOnlyList<UpstreamError> Last
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = store.Subscribe(this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void OnChanges(ChangeSet changeSet)
    {
    }

    public void OnHealth(UpstreamHealth health)
    {
        // Behind is this instance missing the polling instance's messages, not an upstream error.
        if (health.LastError is not { } message || health.Behind)
        {
            return;
        }

        lock (_gate)
        {
            // Health is told after every poll: one failure is told once, however many instances pass it on.
            if (_last == (message, health.LastAttemptAt))
            {
                return;
            }

            _last = (message, health.LastAttemptAt);
            _errors.AddFirst(new UpstreamError(health.LastAttemptAt ?? time.GetUtcNow(), message));
            if (_errors.Count > Kept)
            {
                _errors.RemoveLast();
            }
        }
    }
}
