using System.Collections.Concurrent;
using Iadvize.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.ScaleOut;

/// <summary>
/// The upstream that several app processes share: the simulator on a real loopback port in the test process, counting
/// the reads it answers (every GET of its API: what the request budget of an iAdvize account would pay for).
/// </summary>
internal sealed class CountingSimulator : IAsyncDisposable
{
    public const string ApiKey = "scale-out-test-key";
    private const string Prefix = "/simulator/api/2";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _readsByPath = new(StringComparer.Ordinal);
    private long _reads;
    private long _writes;

    private CountingSimulator(WebApplication app)
    {
        _app = app;
        Platform = app.Services.GetRequiredService<SimulatedPlatform>();
    }

    public SimulatedPlatform Platform { get; }

    /// <summary>The value for <c>Iadvize__BaseUrl</c>.</summary>
    public Uri BaseUrl => new(_app.Urls.First().TrimEnd('/') + Prefix);

    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>GETs of one path of its API (e.g. <c>/operator/7/live</c>).</summary>
    public long ReadsOf(string path) => _readsByPath.GetValueOrDefault(path);

    /// <summary>PUTs of its API: availability changes sent.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public static async Task<CountingSimulator> StartAsync(int operators)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // Still: what the instances show changes only when the test changes it, so they can be compared at any moment.
        builder.Services.AddIadvizeSimulator(options =>
        {
            options.RunActivity = false;
            options.ApiKey = ApiKey;
            options.OperatorCount = operators;
        });

        var app = builder.Build();
        var simulator = new CountingSimulator(app);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal))
            {
                if (HttpMethods.IsGet(context.Request.Method))
                {
                    Interlocked.Increment(ref simulator._reads);
                    simulator._readsByPath.AddOrUpdate(context.Request.Path.Value![Prefix.Length..], 1, (_, count) => count + 1);
                }
                else if (HttpMethods.IsPut(context.Request.Method))
                {
                    Interlocked.Increment(ref simulator._writes);
                }
            }

            await next(context);
        });
        app.MapIadvizeSimulator(Prefix);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return simulator;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
