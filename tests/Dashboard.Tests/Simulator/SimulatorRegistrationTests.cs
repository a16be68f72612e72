using Iadvize.Simulator;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Simulator;

public sealed class SimulatorRegistrationTests
{
    [Fact]
    public async Task Options_bind_from_the_Simulator_section_before_the_configure_callback()
    {
        await using var host = await SimulatorHost.StartAsync(
            configure: o => o.Seed = 7,
            build: builder =>
            {
                builder.Configuration["Simulator:OperatorCount"] = "12";
                builder.Configuration["Simulator:Seed"] = "99";
            });

        host.Platform.OperatorIds.Count.ShouldBe(12);
        host.Platform.OperatorIds.ShouldBe(new SimulatedPlatform(new SimulatorOptions { OperatorCount = 12, Seed = 7 }, TimeProvider.System).OperatorIds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50_001)]
    public async Task Operator_count_out_of_range_fails_at_start(int count)
    {
        await Should.ThrowAsync<OptionsValidationException>(() => SimulatorHost.StartAsync(o => o.OperatorCount = count));
    }

    [Fact]
    public async Task Activity_steps_the_platform_on_the_registered_clock()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.RunActivity = true);
        var before = host.Platform.Version;

        // The background loop starts on its own thread: keep the fake clock moving until it has ticked.
        await Eventually.TrueAsync(
            () =>
            {
                host.Time.Advance(TimeSpan.FromSeconds(1));
                return host.Platform.Version > before;
            },
            "the activity loop stepping the platform",
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(10));
    }
}
