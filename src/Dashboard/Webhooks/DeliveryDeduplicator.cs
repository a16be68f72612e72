using Microsoft.Extensions.Options;

namespace Dashboard.Webhooks;

/// <summary>
/// Where the deliveries already received are remembered: this instance's memory (<see cref="DeliveryDeduplicator"/>), or,
/// scaled out, Redis (<see cref="ScaleOut.RedisDeliveryMemory"/>), since a retry may land on another instance.
/// </summary>
public interface IDeliveryMemory
{
    /// <summary>
    /// Answers true and remembers the delivery if neither its event id nor its correlation id was seen within
    /// <see cref="WebhookOptions.DeduplicationWindow"/>; answers false for a repeat.
    /// </summary>
    ValueTask<bool> TryRememberAsync(string eventId, string? correlationId, CancellationToken cancellationToken);
}

/// <summary>
/// Remembers the <c>eventId</c> and <c>x-iadvize-correlationid</c> of recent deliveries so that a repeat (iAdvize retries
/// after 10 s and 30 s, and may deliver twice) is recognised. Memory is bounded twice: ids older than the window are
/// forgotten, and beyond <see cref="WebhookOptions.MaxRememberedIds"/> the oldest go first.
/// </summary>
public sealed class DeliveryDeduplicator(IOptions<WebhookOptions> options, TimeProvider time) : IDeliveryMemory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset At)> _order = new();
    private readonly TimeSpan _window = options.Value.DeduplicationWindow;
    private readonly int _capacity = options.Value.MaxRememberedIds;

    /// <summary>
    /// Answers true and remembers the delivery if neither its event id nor its correlation id was seen within the window;
    /// answers false for a repeat.
    /// </summary>
    /// <remarks>
    /// A correlation id is taken to identify one event across its delivery attempts (the delivery id changes per attempt),
    /// which is why a repeated correlation id alone marks a repeat.
    /// </remarks>
    public bool TryRemember(string eventId, string? correlationId)
    {
        var eventKey = "e:" + eventId;
        var correlationKey = string.IsNullOrEmpty(correlationId) ? null : "c:" + correlationId;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Forget(now);
            if (_seen.ContainsKey(eventKey) || (correlationKey is not null && _seen.ContainsKey(correlationKey)))
            {
                return false;
            }

            Add(eventKey, now);
            if (correlationKey is not null)
            {
                Add(correlationKey, now);
            }

            return true;
        }
    }

    public ValueTask<bool> TryRememberAsync(string eventId, string? correlationId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryRemember(eventId, correlationId));

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    private void Add(string key, DateTimeOffset now)
    {
        _seen[key] = now;
        _order.Enqueue((key, now));
        while (_seen.Count > _capacity && _order.TryDequeue(out var oldest))
        {
            _seen.Remove(oldest.Key);
        }
    }

    private void Forget(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && now - oldest.At >= _window)
        {
            _order.Dequeue();
            _seen.Remove(oldest.Key);
        }
    }
}
