using System.Diagnostics.Metrics;
using Prometheus;

namespace Dashboard.Health;

/// <summary>
/// The framework's own meters on <c>/metrics</c>, in <see cref="DashboardMetrics.Registry"/>: Blazor circuits, SignalR
/// connections, HTTP requests and Kestrel connections, and the runtime's GC heap, CPU time and thread pool. These are
/// the numbers a person running the dashboard watches as its audience grows. Only this app's meters (those its
/// <see cref="IMeterFactory"/> made) and the process-wide runtime meter are read, so that several apps in one process
/// (tests) keep their figures apart.
/// </summary>
public sealed class FrameworkMeters : IDisposable
{
    /// <summary>The meters exported, by name.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Runtime",
    };

    private readonly IDisposable _adapter;

    public FrameworkMeters(DashboardMetrics metrics, IMeterFactory meterFactory)
    {
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            // Both: the adapter's own gauge goes to Registry, the meters' series to MetricFactory (the global one unless set).
            Registry = metrics.Registry,
            MetricFactory = Metrics.WithCustomRegistry(metrics.Registry),
            InstrumentFilterPredicate = instrument =>
                Names.Contains(instrument.Meter.Name) && (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meterFactory)),
        });
    }

    public void Dispose() => _adapter.Dispose();
}
