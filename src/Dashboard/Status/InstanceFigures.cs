using System.Reflection;
using Dashboard.Audit;
using Dashboard.Live;
using Dashboard.Polling;
using Dashboard.Realtime;
using Dashboard.Webhooks;
using Iadvize.Client;
using Microsoft.Extensions.Options;

namespace Dashboard.Status;

/// <summary>This instance's figures for the status page, read from the services that keep them when asked.</summary>
public sealed class InstanceFigures(
    IOptions<AuditOptions> audit,
    AvailabilityStore store,
    IPollingLease lease,
    CircuitCounter circuits,
    HubSessions hub,
    RequestBudget budget,
    WebhookTally webhooks,
    UpstreamErrors errors,
    IOptions<PollingOptions> polling,
    TimeProvider time)
{
    /// <summary>The app's version: the informational version, which carries the commit when the build knew it.</summary>
    public static readonly string Version =
        typeof(InstanceFigures).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(InstanceFigures).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    /// <summary>This run of the instance, as its reports name it.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");

    public InstanceReport Now()
    {
        var now = time.GetUtcNow();
        var health = store.Health;
        return new InstanceReport(
            Id,
            audit.Value.InstanceName,
            Version,
            _startedAt,
            now,
            lease.IsHeld,
            circuits.Open,
            hub.Count,
            budget.PerMinute - budget.Remaining,
            budget.PerMinute,
            webhooks.Now,
            new UpstreamReport(health.LastSuccessAt, health.ConsecutiveFailures, health.KeyRejected, health.IsStale(now, polling.Value.LiveInterval), errors.Last));
    }
}
