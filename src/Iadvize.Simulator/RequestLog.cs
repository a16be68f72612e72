namespace Iadvize.Simulator;

/// <summary>
/// The last PUTs received over HTTP, oldest first, for tests and the simulator's pages to see what a client really
/// sent. Its own lock: recording a request never waits for a tick.
/// </summary>
internal sealed class RequestLog(TimeProvider timeProvider)
{
    public const int Capacity = 1_000;

    private readonly Lock _gate = new();
    private readonly Queue<RecordedRequest> _requests = new();

    public void Record(string method, string path, string? contentType, string body)
    {
        var request = new RecordedRequest(method, path, contentType, body, timeProvider.GetUtcNow());
        lock (_gate)
        {
            if (_requests.Count == Capacity)
            {
                _requests.Dequeue();
            }

            _requests.Enqueue(request);
        }
    }

    public IReadOnlyList<RecordedRequest> ToList()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }
}
