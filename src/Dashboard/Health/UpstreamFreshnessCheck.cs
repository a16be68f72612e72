using Dashboard.Live;
using Dashboard.Polling;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Health;

/// <summary>Ready means the picture on screen is fresh: the upstream answered within two live intervals.</summary>
public sealed class UpstreamFreshnessCheck(AvailabilityStore store, TimeProvider time, IOptions<PollingOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = store.Health;
        var result = health.IsStale(time.GetUtcNow(), options.Value.LiveInterval)
            ? HealthCheckResult.Unhealthy(health.LastError ?? "No fresh data from the upstream yet.")
            : HealthCheckResult.Healthy($"Updated at {health.LastSuccessAt:O}.");
        return Task.FromResult(result);
    }
}
