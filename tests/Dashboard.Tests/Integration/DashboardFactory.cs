using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Dashboard.Tests.Integration;

/// <summary>
/// The app in memory, on its embedded simulator with the activity model stopped (tests drive the simulator), polling fast.
/// The client's HTTP goes through the in-memory server, so the poller still talks HTTP to the simulator's endpoints.
/// </summary>
public sealed class DashboardFactory : WebApplicationFactory<Program>
{
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Polling:LiveInterval"] = "00:00:00.200",
        ["Simulator:RunActivity"] = "false",
        // Each app instance keeps its time-in-state file out of the source tree.
        ["TimeInState:File"] = Path.Combine(Path.GetTempPath(), $"time-in-state-{Guid.NewGuid():N}.json"),
        // And its database: a fresh SQLite file per instance, shared only when a test hands it to a second host on purpose.
        ["ConnectionStrings:Dashboard"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"dashboard-{Guid.NewGuid():N}.db")}",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>Extra service replacements for one test (applied after the app's own registrations).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
            services.ConfigureAll<HttpClientFactoryOptions>(options =>
                // The host's own in-memory server, taken from its container so that it is this host's and no other's.
                options.HttpMessageHandlerBuilderActions.Add(handler =>
                    handler.PrimaryHandler = ((TestServer)handler.Services.GetRequiredService<IServer>()).CreateHandler())));
        if (TestServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    /// <summary>Starts the app and waits for the poller's first complete picture.</summary>
    public async Task<Dashboard.Live.Snapshot> StartAndWaitForFirstSnapshotAsync()
    {
        var store = Services.GetRequiredService<Dashboard.Live.AvailabilityStore>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (store.Current.TakenAt is null)
        {
            await Task.Delay(50, timeout.Token);
        }

        return store.Current;
    }

    public HubConnection CreateHubConnection() =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "hubs/availability"), options =>
            {
                options.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            })
            .Build();
}
