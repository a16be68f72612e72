namespace Dashboard.Tests;

/// <summary>
/// Tests that build the whole app in-process run one after another, as they always have: several of them time what the
/// app does within an interval (staleness, webhook latency, revalidation), and two apps starting at once on two cores
/// would make those timings the machine's rather than the app's.
/// </summary>
/// <remarks>
/// The simulator's own small hosts (<c>SimulatorHost</c>, <c>ContractFixture</c>) are not in it: WebApplicationFactory only
/// takes a host built on its own entry point's thread (HostFactoryResolver filters the hosting events by an AsyncLocal),
/// so a host another test builds at the same moment cannot be taken for the app's.
/// </remarks>
[CollectionDefinition(Name)]
public sealed class HostCollection
{
    public const string Name = "Hosts built in-process";
}
