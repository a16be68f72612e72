using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Queues = System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iadvize.Simulator.Webhooks;

/// <summary>
/// Delivers the platform's changes as iAdvize webhooks: a JSON POST per event with <c>x-iadvize-delivery</c>,
/// <c>x-iadvize-correlationid</c> and <c>x-iadvize-signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>; a failed
/// delivery is tried again after 10 s and 30 s, like iAdvize does.
/// </summary>
/// <remarks>
/// The platform only enqueues (under its lock, so never waiting); one loop sends in order. Both the queue and the retries
/// waiting for their time are bounded: when full, the oldest delivery is dropped and counted, which is what a receiver
/// that is down for long sees from iAdvize too (lost events, the poll catches up).
/// </remarks>
internal sealed class WebhookSender : BackgroundService
{
    public const string HttpClientName = "Iadvize.Simulator.Webhooks";

    internal static readonly IReadOnlyList<TimeSpan> RetryDelays = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    private readonly SimulatedPlatform _platform;
    private readonly SimulatorWebhookOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookSender> _logger;
    private readonly ISimulatorWebhookTarget? _target;
    private readonly Queues.Channel<Delivery> _queue;
    private readonly byte[] _key;
    private long _delivered;
    private long _dropped;
    private long _abandoned;
    private int _retriesWaiting;

    public WebhookSender(
        SimulatedPlatform platform,
        IOptions<SimulatorOptions> options,
        IHttpClientFactory http,
        TimeProvider time,
        ILogger<WebhookSender> logger,
        ISimulatorWebhookTarget? target = null)
    {
        _platform = platform;
        _options = options.Value.Webhooks;
        _http = http;
        _time = time;
        _logger = logger;
        _target = target;
        _key = Encoding.UTF8.GetBytes(_options.Secret ?? "");
        _queue = Queues.Channel.CreateBounded<Delivery>(
            new Queues.BoundedChannelOptions(_options.QueueCapacity) { FullMode = Queues.BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    public bool IsEnabled => _key.Length > 0 && (_options.Url is not null || _target is not null);

    /// <summary>Deliveries the receiver accepted (2xx).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Deliveries dropped because the queue or the retry backlog was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Deliveries given up after the last retry failed.</summary>
    public long Abandoned => Interlocked.Read(ref _abandoned);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsEnabled)
        {
            _platform.Observe(Post);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled)
        {
            return;
        }

        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (!await SendAsync(delivery, stoppingToken))
                {
                    ScheduleRetry(delivery, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: what is still queued is lost, as it would be for a restarted platform.
        }
    }

    private void Post(SimulatorEvent change) =>
        _queue.Writer.TryWrite(new Delivery(change, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), _time.GetUtcNow(), 0));

    private async Task<bool> SendAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        try
        {
            var url = _options.Url ?? _target?.Resolve();
            if (url is null)
            {
                return true;
            }

            var body = Body(delivery);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            // A new delivery id per attempt; event and correlation ids stay, which is how a receiver recognises a retry.
            request.Headers.Add("x-iadvize-delivery", Guid.NewGuid().ToString());
            request.Headers.Add("x-iadvize-correlationid", delivery.CorrelationId);
            request.Headers.Add("x-iadvize-signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, body)));

            var client = _http.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, stoppingToken);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _delivered);
                return true;
            }

            _logger.LogDebug("Webhook {EventType} {EventId} (attempt {Attempt}) answered HTTP {Status}.",
                delivery.Change.EventType, delivery.EventId, delivery.Attempt + 1, (int)response.StatusCode);
            return false;
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // Whatever went wrong with one delivery (unreachable, timed out, a target that cannot be resolved yet), the
            // fake's sender must never stop the host it runs in.
            _logger.LogDebug("Webhook {EventType} {EventId} (attempt {Attempt}) failed: {Error}",
                delivery.Change.EventType, delivery.EventId, delivery.Attempt + 1, exception.Message);
            return false;
        }
    }

    private void ScheduleRetry(Delivery delivery, CancellationToken stoppingToken)
    {
        if (delivery.Attempt >= RetryDelays.Count)
        {
            Interlocked.Increment(ref _abandoned);
            _logger.LogInformation("Webhook {EventType} {EventId} abandoned after {Attempts} attempts.",
                delivery.Change.EventType, delivery.EventId, delivery.Attempt + 1);
            return;
        }

        if (Interlocked.Increment(ref _retriesWaiting) > _options.QueueCapacity)
        {
            Interlocked.Decrement(ref _retriesWaiting);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _ = RetryLaterAsync(delivery with { Attempt = delivery.Attempt + 1 }, RetryDelays[delivery.Attempt], stoppingToken);
    }

    // Waits off the send loop, so one failing receiver's schedule never holds back the events after it.
    private async Task RetryLaterAsync(Delivery next, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _time, stoppingToken);
            _queue.Writer.TryWrite(next);
        }
        catch (OperationCanceledException)
        {
            // Host shutdown.
        }
        finally
        {
            Interlocked.Decrement(ref _retriesWaiting);
        }
    }

    /// <summary>
    /// The JSON of one event; the same bytes on every attempt. The exact iAdvize payloads are not in our reference, so this
    /// is an assumption: user events carry the operator as a top-level number <c>userId</c>, conversation events carry it
    /// as <c>data.operatorId</c>, a numeric string, next to the conversation. Both are shapes the dashboard accepts.
    /// </summary>
    internal static byte[] Body(Delivery delivery)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var change = delivery.Change;
            json.WriteStartObject();
            json.WriteString("eventId", delivery.EventId);
            json.WriteString("eventType", change.EventType);
            json.WriteString("createdAt", delivery.CreatedAt);
            if (change.Kind is SimulatorEventKind.ConversationPushed or SimulatorEventKind.ConversationClosed)
            {
                json.WriteStartObject("data");
                json.WriteString("conversationId", change.ConversationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("channel", change.Channel);
                json.WriteString("operatorId", change.OperatorId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }
            else
            {
                json.WriteNumber("userId", change.OperatorId);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    internal sealed record Delivery(SimulatorEvent Change, string EventId, string CorrelationId, DateTimeOffset CreatedAt, int Attempt);
}
