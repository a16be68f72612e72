using System.Net;
using System.Text.Json;
using Queues = System.Threading.Channels;

namespace Dashboard.Tests.Simulator;

/// <summary>
/// Stands in for a webhook receiver on the simulator's HTTP client: records every delivery, answers <see cref="Answer"/>,
/// and can be held shut to play a receiver that hangs.
/// </summary>
internal sealed class WebhookInbox : HttpMessageHandler
{
    private readonly Queues.Channel<ReceivedWebhook> _received = Queues.Channel.CreateUnbounded<ReceivedWebhook>();
    private TaskCompletionSource _open = CompletedGate();

    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

    public void Hold() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _open.TrySetResult();

    public async Task<ReceivedWebhook> NextAsync()
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(10));
        return await _received.Reader.ReadAsync(patience.Token);
    }

    /// <summary>The next delivery of <paramref name="eventType"/>, skipping others (the activity model makes its own).</summary>
    public async Task<ReceivedWebhook> NextAsync(string eventType, Func<ReceivedWebhook, bool>? match = null)
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.EventType == eventType && (match?.Invoke(next) ?? true))
            {
                return next;
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        _received.Writer.TryWrite(new ReceivedWebhook(request.RequestUri!, request.Content.Headers.ContentType?.MediaType, headers, body));
        await _open.Task.WaitAsync(cancellationToken);
        return new HttpResponseMessage(Answer);
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }
}

internal sealed record ReceivedWebhook(Uri Url, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    private JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string EventType => Json.GetProperty("eventType").GetString()!;

    public string EventId => Json.GetProperty("eventId").GetString()!;

    public JsonElement Payload => Json;

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}
