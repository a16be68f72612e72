using System.Globalization;
using System.Text.Json;

namespace Dashboard.Webhooks;

/// <summary>What a delivery says, as far as the dashboard cares: which event, and which operator it names (if any).</summary>
public sealed record WebhookEvent(string EventId, string EventType, int? OperatorId);

/// <summary>Why a body was refused.</summary>
public enum PayloadError
{
    None,
    NotJson,
    NoEventId,
    NoEventType,
    BadOperatorId,
}

/// <summary>
/// Reads a delivery's JSON. Pure.
/// </summary>
/// <remarks>
/// iAdvize documents <c>eventId</c> and <c>eventType</c> but our reference does not show the rest of each payload, so the
/// operator is looked for where it plausibly is, an operator-named field before a user-named one: <c>operatorId</c>,
/// <c>operator_id</c>, <c>userId</c>, <c>user_id</c> or an <c>operator</c>/<c>user</c> object's <c>id</c>, at the top level
/// or inside a <c>data</c> object. The value may be a positive integer or a string of digits. A field that is there but
/// holds anything else is an error; no such field at all is not (a conversation not yet assigned names no operator).
/// </remarks>
public static class WebhookPayload
{
    public const int MaxIdLength = 200;

    /// <summary>The events that say an operator's availability may have changed.</summary>
    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "user.connected",
        "user.disconnected",
        "user.availability.updated",
        "v2.conversation.pushed",
        "v2.conversation.closed",
    };

    private static readonly string[] OperatorFields = ["operatorId", "operator_id"];
    private static readonly string[] UserFields = ["userId", "user_id"];

    /// <summary>A user event is about one operator, so it must name them; a conversation event may not.</summary>
    public static bool RequiresOperator(string eventType) => eventType.StartsWith("user.", StringComparison.Ordinal);

    public static PayloadError TryRead(ReadOnlyMemory<byte> body, out WebhookEvent? webhookEvent)
    {
        webhookEvent = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return PayloadError.NotJson;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return PayloadError.NotJson;
            }

            if (Id(root, "eventId") is not { } eventId)
            {
                return PayloadError.NoEventId;
            }

            if (!root.TryGetProperty("eventType", out var typeElement) || typeElement.ValueKind != JsonValueKind.String
                || typeElement.GetString() is not { Length: > 0 and <= MaxIdLength } eventType)
            {
                return PayloadError.NoEventType;
            }

            if (!TryFindOperator(root, out var operatorId))
            {
                return PayloadError.BadOperatorId;
            }

            webhookEvent = new WebhookEvent(eventId, eventType, operatorId);
            return PayloadError.None;
        }
    }

    private static string? Id(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String when value.GetString() is { Length: > 0 and <= MaxIdLength } text => text,
            JsonValueKind.Number when value.GetRawText() is { Length: <= MaxIdLength } raw => raw,
            _ => null,
        } : null;

    private static bool TryFindOperator(JsonElement root, out int? operatorId)
    {
        JsonElement[] containers = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? [root, data] : [root];
        foreach (var (fields, objectName) in new[] { (OperatorFields, "operator"), (UserFields, "user") })
        {
            foreach (var container in containers)
            {
                foreach (var field in fields)
                {
                    if (container.TryGetProperty(field, out var value))
                    {
                        return TryReadId(value, out operatorId);
                    }
                }

                if (container.TryGetProperty(objectName, out var nested) && nested.ValueKind == JsonValueKind.Object
                    && nested.TryGetProperty("id", out var nestedId))
                {
                    return TryReadId(nestedId, out operatorId);
                }
            }
        }

        operatorId = null;
        return true;
    }

    private static bool TryReadId(JsonElement value, out int? operatorId)
    {
        operatorId = null;
        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            // Digits only: no sign, no spaces, no exponent, whatever int.Parse would forgive.
            JsonValueKind.String when value.GetString() is { Length: > 0 and <= 10 } text && text.All(char.IsAsciiDigit)
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => 0,
        };
        if (parsed <= 0)
        {
            return false;
        }

        operatorId = parsed;
        return true;
    }
}
