using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Iadvize.Simulator;

/// <summary>
/// Runs the simulator on its own: <c>dotnet run --project src/Iadvize.Simulator -- --urls http://127.0.0.1:5099</c>
/// serves the API at <c>/api/2</c>, like iAdvize, plus <c>/simulator/faults</c> and <c>/simulator/admin</c>.
/// Settings come from the command line or the environment (<c>--Simulator:ApiKey=...</c>, <c>Simulator__OperatorCount=...</c>).
/// </summary>
/// <remarks>
/// A named class rather than top-level statements: the dashboard and its tests reference this assembly, and a global
/// <c>Program</c> here would collide with the dashboard's in <c>WebApplicationFactory&lt;Program&gt;</c>.
/// </remarks>
public static class Standalone
{
    public const string ApiPrefix = "/api/2";

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // One line per request drowns the startup message; warnings and errors still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddIadvizeSimulator();

        var app = builder.Build();
        app.MapIadvizeSimulator(ApiPrefix);
        app.MapGet("/", () => Results.Redirect("/simulator/admin"));

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var platform = app.Services.GetRequiredService<SimulatedPlatform>();
            var urls = string.Join(", ", app.Urls.Select(url => url.TrimEnd('/') + ApiPrefix));
            app.Logger.LogInformation(
                "iAdvize simulator serving {OperatorCount} operators at {Urls} (API key from Simulator:ApiKey); faults at /simulator/admin.",
                platform.OperatorIds.Count, urls);
        });

        await app.RunAsync();
    }
}
