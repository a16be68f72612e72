using System.Diagnostics;
using Dashboard.Live;
using Dashboard.Polling;
using Iadvize.Client;
using Iadvize.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Bench;

/// <summary>
/// Upstream requests the poller makes per live cycle and per minute, for N operators, against the simulator over real
/// loopback HTTP, next to the naive design (one GET /operator/{id}/live per operator per cycle).
/// </summary>
internal static class UpstreamRequestsBench
{
    public static async Task RunAsync(int[] sizes)
    {
        var interval = new PollingOptions().LiveInterval;
        var cyclesPerMinute = TimeSpan.FromMinutes(1) / interval;
        Console.WriteLine($"Upstream requests per live cycle (live interval {interval.TotalSeconds:0} s, {cyclesPerMinute:0} cycles a minute; simulator over loopback HTTP)");
        Console.WriteLine();
        var polling = new PollingOptions();
        var budget = polling.MaxRequestsPerMinute - polling.ReservedForCommands;
        Console.WriteLine("| operators | first cycle (roster + live) | steady cycle | per minute at full rate | naive per cycle | naive per minute | target ceil(N/100) | steady cycle time | live interval within the default budget |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            await using var simulator = await StartSimulatorAsync(size);
            var counter = new CountingHandler { InnerHandler = new SocketsHttpHandler() };
            using var http = new HttpClient(counter) { BaseAddress = simulator.BaseAddress };
            http.DefaultRequestHeaders.Add("X-API-Key", "bench-key");
            var services = new ServiceCollection().AddSingleton(IadvizeClient.Create(http)).BuildServiceProvider();
            var store = new AvailabilityStore();
            var cycle = new PollCycle(services.GetRequiredService<IServiceScopeFactory>(), store, TimeProvider.System,
                Options.Create(new PollingOptions()), NullLogger<PollCycle>.Instance, new RequestBudget(new PollingOptions().MaxRequestsPerMinute, TimeProvider.System));

            await cycle.RunOnceAsync(CancellationToken.None);
            var first = counter.Take();
            if (store.Current.Operators.Length != size)
            {
                throw new InvalidOperationException($"Expected {size} operators, the store has {store.Current.Operators.Length}: {store.Health.LastError}");
            }

            const int steadyCycles = 5;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < steadyCycles; i++)
            {
                simulator.Platform.Step();
                await cycle.RunOnceAsync(CancellationToken.None);
            }

            var elapsed = clock.Elapsed / steadyCycles;
            var steady = counter.Take() / (double)steadyCycles;
            var effective = TimeSpan.FromSeconds(Math.Max(interval.TotalSeconds, steady * 60 / budget));
            Console.WriteLine($"| {size:N0} | {first:N0} | {steady:N0} | {steady * cyclesPerMinute:N0} | {size:N0} | {size * cyclesPerMinute:N0} | {(size + 99) / 100:N0} | {elapsed.TotalMilliseconds:N1} ms | {effective.TotalSeconds:N1} s |");
        }

        Console.WriteLine();
        Console.WriteLine($"The poller spends at most {polling.MaxRequestsPerMinute} requests a minute (Polling:MaxRequestsPerMinute), {polling.ReservedForCommands} of them kept for");
        Console.WriteLine("availability changes; past that it waits for the next tick, which stretches the live interval as shown.");
        Console.WriteLine();
    }

    private static async Task<SimulatorServer> StartSimulatorAsync(int operators)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddIadvizeSimulator(options =>
        {
            options.OperatorCount = operators;
            options.ApiKey = "bench-key";
            options.RunActivity = false;
        });
        var app = builder.Build();
        app.MapIadvizeSimulator("/api/2");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorServer(app, new Uri(address + "/api/2"), app.Services.GetRequiredService<SimulatedPlatform>());
    }

    private sealed record SimulatorServer(WebApplication App, Uri BaseAddress, SimulatedPlatform Platform) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _count;

        public int Take() => Interlocked.Exchange(ref _count, 0);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
