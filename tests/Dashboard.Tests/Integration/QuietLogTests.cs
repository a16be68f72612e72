using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Tests.Integration;

/// <summary>
/// At scale the log must say what went wrong, not what happened a thousand times: in Production, at the levels of
/// appsettings.json, no line per request, per hub connection or per database command.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class QuietLogTests : IAsyncLifetime
{
    private readonly FakeLogCollector _log = new();
    private readonly DashboardFactory _factory;

    public QuietLogTests()
    {
        _factory = new DashboardFactory
        {
            EnvironmentName = "Production",
            TestServices = services => services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(_log)),
        };
        // The app's own levels, not the quieter ones the other tests run with.
        _factory.Settings.Remove("Logging:LogLevel:Default");
        _factory.Settings.Remove("Logging:LogLevel:Microsoft.AspNetCore");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _factory.StartAndWaitForFirstSnapshotAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task In_production_requests_hub_connections_and_database_commands_write_no_line()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        var before = _log.Count;

        for (var i = 0; i < 5; i++)
        {
            // Each signed-in request reads the account (a database command); the page also renders the dashboard.
            using var page = await client.GetAsync(new Uri("/", UriKind.Relative), Token);
            page.EnsureSuccessStatusCode();
            using var metrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative), Token);
            metrics.EnsureSuccessStatusCode();
        }

        for (var i = 0; i < 3; i++)
        {
            await using var hub = _factory.CreateHubConnection(webSockets: true);
            await hub.StartAsync(Token);
            await hub.StopAsync(Token);
        }

        _log.GetSnapshot().Skip(before).Select(r => $"{r.Level} {r.Category}: {r.Message}").ShouldBeEmpty();
        _log.GetSnapshot().ShouldNotContain(r => r.Category != null && r.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) && r.Level < LogLevel.Warning);
    }
}
