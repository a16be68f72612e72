using Iadvize.Client;
using Iadvize.Simulator;

namespace Dashboard.Tests.Contract;

/// <summary>Each fault the simulator can inject, as the client reports it. A plain client (no retries) so that each test sees one answer.</summary>
public sealed class FaultContractTests(ContractFixture simulator) : IClassFixture<ContractFixture>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Generous: on a loaded 2-core machine the first request of a class (JIT, the client's first use) can take over a
    // second, and a timeout would then report an unreachable upstream instead of the fault under test. The one test about
    // a hanging upstream gives up after a second.
    private readonly HttpClient _http = new() { BaseAddress = simulator.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

    private IadvizeClient Client(TimeSpan? givingUpAfter = null)
    {
        _http.DefaultRequestHeaders.Remove("X-API-Key");
        _http.DefaultRequestHeaders.Add("X-API-Key", ContractFixture.Key);
        if (givingUpAfter is { } timeout)
        {
            _http.Timeout = timeout;
        }

        return IadvizeClient.Create(_http);
    }

    private int SomeOperator => simulator.Platform.OperatorIds[0];

    public void Dispose()
    {
        simulator.Platform.Faults = SimulatorFaults.None;
        _http.Dispose();
    }

    [Fact]
    public async Task Server_errors_are_server_errors()
    {
        simulator.Platform.Faults = new SimulatorFaults { ErrorRate = 1 };

        var result = await Client().GetLiveAsync(SomeOperator, Ct);

        result.Outcome.ShouldBe(ApiOutcome.ServerError);
    }

    [Fact]
    public async Task Rate_limiting_carries_its_retry_after()
    {
        simulator.Platform.Faults = new SimulatorFaults { RateLimitRate = 1, RetryAfter = TimeSpan.FromSeconds(7) };

        var result = await Client().GetAllLiveAsync(includeOffline: true, filter: null, Ct);

        result.Outcome.ShouldBe(ApiOutcome.RateLimited);
        result.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task Malformed_bodies_are_malformed()
    {
        simulator.Platform.Faults = new SimulatorFaults { MalformedRate = 1 };

        var results = new List<ApiOutcome>();
        for (var i = 0; i < 6; i++)
        {
            results.Add((await Client().GetLiveAsync(SomeOperator, Ct)).Outcome);
        }

        results.ShouldAllBe(outcome => outcome == ApiOutcome.Malformed);
    }

    [Fact]
    public async Task A_rejected_key_is_key_rejected()
    {
        simulator.Platform.Faults = new SimulatorFaults { RejectKey = true };

        var result = await Client().GetLiveAsync(SomeOperator, Ct);

        result.Outcome.ShouldBe(ApiOutcome.KeyRejected);
    }

    [Fact]
    public async Task A_hanging_request_is_unreachable_once_the_client_gives_up()
    {
        simulator.Platform.Faults = new SimulatorFaults { TimeoutRate = 1, Hang = TimeSpan.FromSeconds(30) };

        var result = await Client(givingUpAfter: TimeSpan.FromSeconds(1)).GetLiveAsync(SomeOperator, Ct);

        result.Outcome.ShouldBe(ApiOutcome.Unreachable);
    }

    [Fact]
    public async Task Added_latency_still_answers()
    {
        simulator.Platform.Faults = new SimulatorFaults { Latency = TimeSpan.FromMilliseconds(200) };

        var result = await Client().GetLiveAsync(SomeOperator, Ct);

        result.IsSuccess.ShouldBeTrue(result.Message);
    }

    [Fact]
    public async Task Faults_never_change_the_simulated_state()
    {
        var target = simulator.Platform.OperatorIds.First(id => simulator.Platform.GetLive(id) is { Connected: true, Chat: { Enabled: true, Available: true } });
        simulator.Platform.Faults = new SimulatorFaults { ErrorRate = 1 };

        var result = await Client().SetAvailabilityAsync(target, new AvailabilityChange(Chat: false), Ct);

        result.Outcome.ShouldBe(ApiOutcome.ServerError);
        simulator.Platform.GetLive(target)!.Chat.Available.ShouldBeTrue();
    }
}
