using Prometheus;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Dashboard.Health;

public static class HealthExtensions
{
    private const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<UpstreamFreshnessCheck>("upstream-freshness", tags: [ReadyTag])
            .AddCheck<DatabaseCheck>("database", tags: [ReadyTag]);
        builder.Services.AddSingleton<DashboardMetrics>();
        builder.Services.AddSingleton<FrameworkMeters>();
        return builder;
    }

    /// <summary>
    /// /health/live answers while the process runs; /health/ready also needs fresh upstream data and a database that reads and writes; /metrics is for
    /// Prometheus. All three without sign-in, for probes and scrapers (aggregates only, nothing about one operator).
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteReadinessAsync });
        // Listening starts here, before the first request, so that no circuit or connection goes uncounted.
        app.Services.GetRequiredService<FrameworkMeters>();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<DashboardMetrics>().Registry);
        return app;
    }

    // The status, then what is wrong, one line each: a person reading a probe's answer learns why, not just "Unhealthy".
    private static Task WriteReadinessAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var problems = report.Entries
            .Where(entry => entry.Value.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            .Select(entry => $"\n{entry.Key}: {entry.Value.Description}");
        return context.Response.WriteAsync(report.Status + string.Concat(problems), context.RequestAborted);
    }
}
