using System.Text;
using Dashboard.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Tests.Webhooks;

/// <summary>Builds webhook requests: a signed <c>user.availability.updated</c> for operator 42 unless told otherwise.</summary>
internal sealed class DeliveryBuilder
{
    public const string Secret = "test-webhook-secret";

    private string _body = Json("evt-1", "user.availability.updated", "\"userId\": 42");
    private string? _signature;
    private bool _signed = true;
    private string? _correlationId = "corr-1";
    private bool _declareLength = true;
    private string _key = Secret;

    public static DeliveryBuilder A() => new();

    public static string Json(string eventId, string eventType, string operatorPart) =>
        $$"""{"eventId": "{{eventId}}", "eventType": "{{eventType}}", {{operatorPart}}}""";

    public DeliveryBuilder WithBody(string body)
    {
        _body = body;
        return this;
    }

    public DeliveryBuilder Event(string eventId, string eventType = "user.availability.updated", string operatorPart = "\"userId\": 42")
    {
        _body = Json(eventId, eventType, operatorPart);
        return this;
    }

    public DeliveryBuilder Correlation(string? correlationId)
    {
        _correlationId = correlationId;
        return this;
    }

    public DeliveryBuilder Unsigned()
    {
        _signed = false;
        return this;
    }

    public DeliveryBuilder SignedWith(string key)
    {
        _key = key;
        return this;
    }

    public DeliveryBuilder Signature(string header)
    {
        _signature = header;
        return this;
    }

    /// <summary>As a chunked upload would come: no Content-Length to trust.</summary>
    public DeliveryBuilder WithoutContentLength()
    {
        _declareLength = false;
        return this;
    }

    public HttpRequest Build()
    {
        var bytes = Encoding.UTF8.GetBytes(_body);
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Path = WebhooksExtensions.Path;
        request.ContentType = "application/json";
        request.Body = new MemoryStream(bytes);
        request.ContentLength = _declareLength ? bytes.Length : null;
        request.Headers["x-iadvize-delivery"] = Guid.NewGuid().ToString();
        if (_correlationId is not null)
        {
            request.Headers["x-iadvize-correlationid"] = _correlationId;
        }

        if (_signed)
        {
            request.Headers["x-iadvize-signature"] = _signature ?? WebhookSignature.Sign(bytes, Encoding.UTF8.GetBytes(_key));
        }

        return request;
    }
}
