using Dashboard.Audit;
using Dashboard.Demand;
using Dashboard.Live;
using Dashboard.Polling;
using Dashboard.Realtime;
using Dashboard.Webhooks;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Dashboard.Health;

/// <summary>
/// What <c>/metrics</c> says, in Prometheus' text format: the live picture's headline numbers, how the upstream has been
/// answering, and counts of what happened. Figures of the picture are read from the store when scraped, so that no
/// poll or change set pays for them; only events (availability changes) are counted where they happen. One registry
/// per app, not prometheus-net's global one, so that several apps in one process (tests) keep their figures apart.
/// Aggregates only: no operator's name or id.
/// </summary>
public sealed class DashboardMetrics
{
    private readonly Counter _changes;

    public DashboardMetrics(
        AvailabilityStore store,
        TimeProvider time,
        IOptions<PollingOptions> polling,
        HubSessions hubSessions,
        OperatorRefreshQueue refreshQueue,
        DemandStore demand,
        IPollingLease lease)
    {
        var metrics = Metrics.WithCustomRegistry(Registry);
        var operators = metrics.CreateGauge("dashboard_operators", "Operators known to the dashboard (offline included), and those connected.", "state");
        var channelOperators = metrics.CreateGauge("dashboard_channel_operators", "Operators available, or busy (every slot taken), per channel.", "channel", "state");
        var freeSlots = metrics.CreateGauge("dashboard_channel_free_slots", "Free slots summed over available operators, per channel.", "channel");
        var lastSuccess = metrics.CreateGauge("dashboard_upstream_last_success_timestamp_seconds", "When the upstream last answered a whole poll (Unix time); 0 before the first.");
        var failures = metrics.CreateGauge("dashboard_upstream_consecutive_failures", "Failed polls since the last success.");
        var keyRejected = metrics.CreateGauge("dashboard_upstream_key_rejected", "1 while the API key is refused and polling waits.");
        var stale = metrics.CreateGauge("dashboard_data_stale", "1 while the picture is stale (two polls missed, or no data yet).");
        var changeSets = metrics.CreateCounter("dashboard_change_sets_total", "Change sets published since start.");
        var hubConnections = metrics.CreateGauge("dashboard_hub_connections", "Open connections to the SignalR hub.");
        var refreshDropped = metrics.CreateCounter("dashboard_webhook_refreshes_dropped_total", "Operator refreshes asked by webhooks and dropped because the queue was full.");
        var statisticReads = metrics.CreateCounter("dashboard_statistic_reads_total", "Reads of GET /statistic for today's demand, one per channel each period (retries within a read not counted).");
        var statisticFailures = metrics.CreateCounter("dashboard_statistic_read_failures_total", "Reads of GET /statistic that failed.");
        var statisticSkipped = metrics.CreateCounter("dashboard_statistic_reads_skipped_total", "Demand reads not made, to leave the request budget to the live poll and people's changes, or while the upstream asked to wait.");
        var polls = metrics.CreateGauge("dashboard_polling", "1 while this instance polls the upstream (always, alone; scaled out, the instance that holds the polling lease).");
        var demandStale = metrics.CreateGauge("dashboard_demand_stale", "1 while today's demand is not current (never loaded, last read failed or not made, or two periods old).");
        _changes = metrics.CreateCounter("dashboard_availability_changes_total", "Availability changes people asked for, by outcome.", "outcome");
        foreach (var outcome in Enum.GetValues<AuditOutcome>())
        {
            // Every outcome from zero, so that rate() and alerts see a series before its first event.
            _changes.WithLabels(Label(outcome)).IncTo(0);
        }

        Registry.AddBeforeCollectCallback(() =>
        {
            var snapshot = store.Current;
            var kpis = snapshot.Kpis;
            operators.WithLabels("known").Set(kpis.Operators);
            operators.WithLabels("connected").Set(kpis.Connected);
            foreach (var channel in ChannelKinds.All)
            {
                var name = channel.ToWire();
                channelOperators.WithLabels(name, "available").Set(kpis[channel].Available);
                channelOperators.WithLabels(name, "busy").Set(kpis[channel].Busy);
                freeSlots.WithLabels(name).Set(kpis[channel].FreeSlots);
            }

            var health = store.Health;
            lastSuccess.Set(health.LastSuccessAt?.ToUnixTimeMilliseconds() / 1000.0 ?? 0);
            failures.Set(health.ConsecutiveFailures);
            keyRejected.Set(health.KeyRejected ? 1 : 0);
            stale.Set(health.IsStale(time.GetUtcNow(), polling.Value.LiveInterval) ? 1 : 0);
            changeSets.IncTo(snapshot.Sequence);
            hubConnections.Set(hubSessions.Count);
            refreshDropped.IncTo(refreshQueue.Dropped);
            statisticReads.IncTo(demand.Reads);
            statisticFailures.IncTo(demand.Failures);
            statisticSkipped.IncTo(demand.Skipped);
            demandStale.Set(demand.Current.IsStale(time.GetUtcNow()) ? 1 : 0);
            polls.Set(lease.IsHeld ? 1 : 0);
        });
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    /// <summary>Counts a change that reached its outcome (refusals included).</summary>
    public void ChangeEnded(AuditOutcome outcome) => _changes.WithLabels(Label(outcome)).Inc();

    private static string Label(AuditOutcome outcome) => outcome.ToString().ToLowerInvariant();
}
