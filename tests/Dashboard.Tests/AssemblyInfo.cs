namespace Dashboard.Tests;

/// <summary>
/// Tests that build an ASP.NET Core host in-process. WebApplicationFactory finds the app's host by listening to every
/// host built in the process, so a simulator test host built at the same moment can be taken for the app's: these
/// tests never run at the same time as one another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HostCollection
{
    public const string Name = "Hosts built in-process";
}
