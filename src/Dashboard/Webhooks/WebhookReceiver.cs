using System.Buffers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dashboard.Webhooks;

/// <summary>What became of one delivery; <see cref="WebhookReceiver.StatusCode"/> says how it is answered.</summary>
public enum WebhookOutcome
{
    /// <summary>No secret is configured: the endpoint does not exist (404).</summary>
    Disabled,

    /// <summary>Body over <see cref="WebhookOptions.MaxBodyBytes"/> (413).</summary>
    TooLarge,

    /// <summary>No <c>x-iadvize-signature</c> (401).</summary>
    NotSigned,

    /// <summary>A signature that is not <c>sha256=&lt;64 hex&gt;</c> or does not match the body (401).</summary>
    BadSignature,

    /// <summary>Not a JSON object with <c>eventId</c> and <c>eventType</c>, or an operator id that is not one (400).</summary>
    Malformed,

    /// <summary>Seen before, by event id or correlation id: nothing done (200).</summary>
    Duplicate,

    /// <summary>Signed and well formed but nothing to do: unknown event type, or no operator named (200).</summary>
    Ignored,

    /// <summary>The operator is queued to be read from the upstream (202).</summary>
    Accepted,
}

/// <summary>
/// <c>POST /webhooks/iadvize</c>: checks the size, then the signature over the raw bytes, then the payload, drops repeats,
/// and asks for the operator named to be read from the upstream. The payload is only a hint; the upstream is the truth.
/// </summary>
public sealed class WebhookReceiver(
    IOptions<WebhookOptions> options,
    IDeliveryMemory deduplicator,
    IOperatorRefresher refresher,
    WebhookTally tally,
    ILogger<WebhookReceiver> logger)
{
    public const string SignatureHeader = "x-iadvize-signature";
    public const string CorrelationHeader = "x-iadvize-correlationid";
    public const string DeliveryHeader = "x-iadvize-delivery";

    private readonly WebhookOptions _options = options.Value;
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.Secret ?? "");

    public static int StatusCode(WebhookOutcome outcome) => outcome switch
    {
        WebhookOutcome.Disabled => StatusCodes.Status404NotFound,
        WebhookOutcome.TooLarge => StatusCodes.Status413PayloadTooLarge,
        WebhookOutcome.NotSigned or WebhookOutcome.BadSignature => StatusCodes.Status401Unauthorized,
        WebhookOutcome.Malformed => StatusCodes.Status400BadRequest,
        WebhookOutcome.Duplicate or WebhookOutcome.Ignored => StatusCodes.Status200OK,
        WebhookOutcome.Accepted => StatusCodes.Status202Accepted,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var outcome = await ReceiveAsync(request, cancellationToken);
        tally.Count(outcome);
        var status = StatusCode(outcome);
        // Only the outcome's name: enough for whoever configures the webhook in iAdvize, nothing about the secret.
        return outcome == WebhookOutcome.Disabled ? Results.NotFound() : Results.Text(outcome.ToString(), "text/plain", statusCode: status);
    }

    public async Task<WebhookOutcome> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!_options.IsEnabled)
        {
            return WebhookOutcome.Disabled;
        }

        if (request.ContentLength > _options.MaxBodyBytes || await ReadLimitedAsync(request.Body, _options.MaxBodyBytes, cancellationToken) is not { } body)
        {
            logger.LogWarning("Webhook refused: body over {Limit} bytes.", _options.MaxBodyBytes);
            return WebhookOutcome.TooLarge;
        }

        var delivery = request.Headers[DeliveryHeader].ToString();
        var signature = WebhookSignature.Check(body, request.Headers[SignatureHeader].ToString(), _key);
        if (signature != SignatureCheck.Valid)
        {
            logger.LogWarning("Webhook refused: signature {Check} (delivery {Delivery}).", signature, delivery);
            return signature == SignatureCheck.Missing ? WebhookOutcome.NotSigned : WebhookOutcome.BadSignature;
        }

        var error = WebhookPayload.TryRead(body, out var webhookEvent);
        if (error != PayloadError.None || webhookEvent is null)
        {
            logger.LogWarning("Webhook refused: {Error} (delivery {Delivery}).", error, delivery);
            return WebhookOutcome.Malformed;
        }

        if (!WebhookPayload.KnownTypes.Contains(webhookEvent.EventType))
        {
            logger.LogInformation("Webhook {EventType} {EventId} ignored: not an event the dashboard uses.", webhookEvent.EventType, webhookEvent.EventId);
            return WebhookOutcome.Ignored;
        }

        if (webhookEvent.OperatorId is not { } operatorId)
        {
            if (WebhookPayload.RequiresOperator(webhookEvent.EventType))
            {
                logger.LogWarning("Webhook refused: {EventType} {EventId} names no operator.", webhookEvent.EventType, webhookEvent.EventId);
                return WebhookOutcome.Malformed;
            }

            logger.LogDebug("Webhook {EventType} {EventId} ignored: it names no operator.", webhookEvent.EventType, webhookEvent.EventId);
            return WebhookOutcome.Ignored;
        }

        // After the signature check, so that unsigned traffic cannot fill the memory of ids or mask a real delivery.
        if (!await deduplicator.TryRememberAsync(webhookEvent.EventId, request.Headers[CorrelationHeader].ToString(), cancellationToken))
        {
            logger.LogDebug("Webhook {EventType} {EventId} is a repeat; dropped.", webhookEvent.EventType, webhookEvent.EventId);
            return WebhookOutcome.Duplicate;
        }

        refresher.Request(operatorId);
        logger.LogDebug("Webhook {EventType} {EventId}: operator {Operator} queued for reading.", webhookEvent.EventType, webhookEvent.EventId, operatorId);
        return WebhookOutcome.Accepted;
    }

    // Reads at most limit bytes; null when the body is longer, without reading the rest.
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > limit)
                {
                    return null;
                }

                copy.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return copy.ToArray();
    }
}
