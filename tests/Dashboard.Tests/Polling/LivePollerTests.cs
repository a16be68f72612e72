using Dashboard.Live;
using Dashboard.Polling;
using Iadvize.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Dashboard.Tests.Polling;

public sealed class LivePollerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_poller_waits_for_the_app_to_start_then_polls_each_interval_and_survives_a_cycle_that_throws()
    {
        var http = new MockHttpMessageHandler();
        using var livePolls = new SemaphoreSlim(0);
        using var cycleStarts = new SemaphoreSlim(0);
        var live = http.When(HttpMethod.Get, "https://api.test/operator/live").Respond(_ =>
        {
            livePolls.Release();
            return new HttpResponseMessage { Content = new StringContent("""{"meta": {"status": "success"}, "data": []}""") };
        });
        http.When(HttpMethod.Get, "https://api.test/*").Respond("application/json", """{"meta": {"status": "success"}, "data": []}""");
        var client = IadvizeClient.Create(new HttpClient(http) { BaseAddress = new Uri("https://api.test") });
        var resolutions = 0;
        var services = new ServiceCollection()
            .AddTransient(_ =>
            {
                cycleStarts.Release();
                // The first cycle fails in a way the client cannot turn into a result: a bug, not an upstream failure.
                return Interlocked.Increment(ref resolutions) == 1 ? throw new InvalidOperationException("a bug in one cycle") : client;
            })
            .BuildServiceProvider();
        var clock = new FakeTimeProvider();
        var options = Options.Create(new PollingOptions { LiveInterval = TimeSpan.FromSeconds(3) });
        var cycle = new PollCycle(services.GetRequiredService<IServiceScopeFactory>(), new AvailabilityStore(), clock, options, NullLogger<PollCycle>.Instance,
            new RequestBudget(options.Value.MaxRequestsPerMinute, clock));
        var lifetime = new TestLifetime();
        var upstream = new ServiceCollection().Configure<IadvizeOptions>(_ => { }).BuildServiceProvider().GetRequiredService<IOptionsMonitor<IadvizeOptions>>();
        using var poller = new LivePoller(cycle, clock, options, lifetime, NullLogger<LivePoller>.Instance, upstream, new SingleInstanceLease());

        await poller.StartAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(10));
        cycleStarts.CurrentCount.ShouldBe(0);

        lifetime.Start();
        (await cycleStarts.WaitAsync(Patience, TestContext.Current.CancellationToken)).ShouldBeTrue();
        http.GetMatchCount(live).ShouldBe(0);

        clock.Advance(TimeSpan.FromSeconds(3));
        (await livePolls.WaitAsync(Patience, TestContext.Current.CancellationToken)).ShouldBeTrue();

        clock.Advance(TimeSpan.FromSeconds(3));
        (await livePolls.WaitAsync(Patience, TestContext.Current.CancellationToken)).ShouldBeTrue();
        http.GetMatchCount(live).ShouldBe(2);

        await poller.StopAsync(TestContext.Current.CancellationToken);
    }

    private sealed class TestLifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _started = new();

        public CancellationToken ApplicationStarted => _started.Token;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Start() => _started.Cancel();

        public void StopApplication()
        {
        }
    }
}
