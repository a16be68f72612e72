namespace Dashboard.Tests.Integration;

/// <summary>
/// One app for a whole test class whose tests only look (requests, headers, refused or invalid commands, sign-ins):
/// started once with its first snapshot taken, disposed after the class's last test. A class whose tests change what
/// the next test sees (availability, accounts, faults, audit counts) keeps an app per test instead.
/// </summary>
public class SharedDashboard : IAsyncLifetime
{
    public SharedDashboard()
        : this(_ => { })
    {
    }

    /// <summary>An app with settings of its own (<paramref name="configure"/> edits the factory before it starts).</summary>
    protected SharedDashboard(Action<DashboardFactory> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Factory);
    }

    public DashboardFactory Factory { get; } = new();

    public async ValueTask InitializeAsync() => await Factory.StartAndWaitForFirstSnapshotAsync();

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await Factory.DisposeAsync();
    }
}
