using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Webhooks;

namespace Dashboard.Status;

/// <summary>
/// What one instance says of itself on <c>/status</c>. Each instance makes its own (<see cref="InstanceFigures"/>);
/// scaled out, each publishes it to Redis every few seconds, so that the page on any instance lists them all.
/// </summary>
/// <param name="Id">This run of the instance: a new one at each start.</param>
/// <param name="Name">The instance's name (<c>Audit:InstanceName</c>, the machine name unless set).</param>
/// <param name="Version">The app's version, with the commit it was built from when known.</param>
/// <param name="StartedAt">When this run started.</param>
/// <param name="ReportedAt">When these figures were taken.</param>
/// <param name="Polling">Whether this instance reads the upstream (holds the polling lease).</param>
/// <param name="Circuits">Open pages (Blazor circuits) served by this instance.</param>
/// <param name="HubConnections">Open SignalR hub connections to this instance.</param>
/// <param name="RequestsLastMinute">Upstream requests this instance made in the last minute.</param>
/// <param name="RequestsPerMinute">The request budget: upstream requests allowed in any minute.</param>
/// <param name="Webhooks">Webhook deliveries this instance received since start.</param>
/// <param name="Upstream">The upstream's health as this instance knows it.</param>
public sealed record InstanceReport(
    string Id,
    string Name,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset ReportedAt,
    bool Polling,
    int Circuits,
    int HubConnections,
    int RequestsLastMinute,
    int RequestsPerMinute,
    WebhookCounts Webhooks,
    UpstreamReport Upstream)
{
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, StatusJson.Default.InstanceReport);

    /// <summary>The report, or null when the bytes are not one (another version's format).</summary>
    public static InstanceReport? Deserialize(ReadOnlySpan<byte> bytes) => ScaleOut.StoredJson.Read(bytes, StatusJson.Default.InstanceReport);
}

/// <summary>The upstream's health as an instance knows it (followers know the polling instance's).</summary>
/// <param name="LastSuccessAt">When a whole poll last succeeded; null before the first.</param>
/// <param name="ConsecutiveFailures">Failed polls since.</param>
/// <param name="KeyRejected">The API key is refused: polling waits.</param>
/// <param name="Stale">The picture shown is not current.</param>
/// <param name="LastErrors">The last errors, newest first.</param>
public sealed record UpstreamReport(DateTimeOffset? LastSuccessAt, int ConsecutiveFailures, bool KeyRejected, bool Stale, IReadOnlyList<UpstreamError> LastErrors);

/// <summary>One error of the upstream, in plain words, and when it happened.</summary>
public sealed record UpstreamError(DateTimeOffset At, string Message);

/// <summary>Every instance's report, and why some may be missing.</summary>
/// <param name="Instances">The reports, this instance's included, by name.</param>
/// <param name="Problem">Why other instances' reports could not be read (Redis away); null when they were.</param>
public sealed record InstanceReports(IReadOnlyList<InstanceReport> Instances, string? Problem);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InstanceReport))]
internal sealed partial class StatusJson : JsonSerializerContext;
