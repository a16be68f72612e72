using Iadvize.Client;
using Iadvize.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Contract;

/// <summary>
/// The simulator on a real loopback port and the client wired exactly as the app wires it (resilience, budget), so the
/// two halves written separately from the documentation check each other over real HTTP.
/// </summary>
public sealed class ContractFixture : IAsyncLifetime
{
    public const int Operators = 250;
    public const string Key = "contract-key";
    private WebApplication? _app;
    private ServiceProvider? _clients;

    public SimulatedPlatform Platform { get; private set; } = default!;

    public Uri BaseAddress { get; private set; } = default!;

    public IadvizeClient Client { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddIadvizeSimulator(options =>
        {
            options.OperatorCount = Operators;
            options.ApiKey = Key;
            options.RunActivity = false;
        });
        _app = builder.Build();
        _app.MapIadvizeSimulator("/api/2");
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address + "/api/2");
        Platform = _app.Services.GetRequiredService<SimulatedPlatform>();
        _clients = ClientServices(Key);
        Client = _clients.GetRequiredService<IadvizeClient>();
    }

    /// <summary>A client as the app registers it, with its own key and settings.</summary>
    public ServiceProvider ClientServices(string key, IDictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddIadvizeClient(requestsPerMinute: 10_000, _ => (BaseAddress, key));
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        if (_clients is not null)
        {
            await _clients.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
