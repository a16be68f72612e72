[assembly: TestCollectionOrderer(typeof(Dashboard.Tests.LongestFirst))]

namespace Dashboard.Tests;

/// <summary>
/// Tests that time what the app does against the real clock, with bounds a busy machine could break (webhook latency, an
/// app process showing operators within seconds of listening, the health endpoint answering during a burst of sign-ins):
/// they run alone, after every other test, so that what they measure is the app's time and not the other tests'. Each
/// also carries the trait <see cref="Kind"/>: test.sh leaves them out of the runs it makes at once, and runs them alone
/// afterwards.
/// </summary>
/// <remarks>
/// Every other test, hosts built in-process included, runs in parallel with the rest. Apps built at the same time do not
/// mix: WebApplicationFactory only takes a host built on its own entry point's thread (HostFactoryResolver filters the
/// hosting events by an AsyncLocal), each app has its own database, time-in-state file and container, and /metrics reads
/// only the meters of its own app (FrameworkMeters). Waits for what an app does in its own time use <see cref="Eventually"/>
/// with bounds of seconds, not the interval they wait for.
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timed against the real clock, alone";

    /// <summary>The value of the trait <c>Kind</c> these tests carry (beside <c>Integration</c>).</summary>
    public const string Kind = "Timed";
}

/// <summary>
/// The classes that take longest, by their TRX durations: three app processes on Redis, a killed and restarted process,
/// waits on real intervals.
/// </summary>
public sealed class LongestFirst : LongestFirstOrderer
{
    protected override IReadOnlyList<string> Longest { get; } =
    [
        nameof(ScaleOut.ScaleOutTests), nameof(Audit.AuditKillTests), nameof(Integration.RoleMatrixTests), nameof(Integration.DemandTests), nameof(Integration.MetricsTests),
        nameof(Realtime.PushProtocolTests), nameof(Integration.SupervisorTests), nameof(Auth.SingleSignOnTests), nameof(Audit.AuditIntegrationTests),
    ];
}
