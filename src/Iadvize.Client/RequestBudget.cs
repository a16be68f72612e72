namespace Iadvize.Client;

/// <summary>
/// At most <see cref="PerMinute"/> requests in any sliding minute. iAdvize publishes no rate limit, so the client keeps
/// itself well-behaved; a request over budget is answered locally as a 429 that says when the next one may go.
/// </summary>
public sealed class RequestBudget(int perMinute, TimeProvider timeProvider)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _gate = new();

    public int PerMinute { get; } = perMinute > 0 ? perMinute : throw new ArgumentOutOfRangeException(nameof(perMinute), "The budget must allow at least one request per minute.");

    /// <summary>Takes one request from the budget, or answers how long until one is free.</summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            while (_sent.Count > 0 && now - _sent.Peek() >= Window)
            {
                _sent.Dequeue();
            }

            if (_sent.Count < PerMinute)
            {
                _sent.Enqueue(now);
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = _sent.Peek() + Window - now;
            return false;
        }
    }

    /// <summary>Requests still allowed in the current minute.</summary>
    public int Remaining
    {
        get
        {
            var now = timeProvider.GetUtcNow();
            lock (_gate)
            {
                return PerMinute - _sent.Count(sent => now - sent < Window);
            }
        }
    }
}

/// <summary>Spends the <see cref="RequestBudget"/> on every attempt that reaches the network, retries included.</summary>
public sealed class RequestBudgetHandler(RequestBudget budget) : DelegatingHandler
{
    /// <summary>The reason phrase of a 429 made here rather than by iAdvize.</summary>
    public const string LocalReason = "Request budget reached";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (budget.TryTake(out var retryAfter))
        {
            return base.SendAsync(request, cancellationToken);
        }

        var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests) { ReasonPhrase = LocalReason, RequestMessage = request };
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return Task.FromResult(response);
    }
}
