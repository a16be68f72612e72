using System.ComponentModel.DataAnnotations;

namespace Iadvize.Simulator;

/// <summary>Settings of the embedded iAdvize simulator (configuration section <c>Simulator</c>).</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Seed of the random generator: the same seed and the same calls give the same population and activity.</summary>
    public int Seed { get; set; } = 20261125;

    /// <summary>Number of operators in the roster (1 to 50,000).</summary>
    [Range(1, 50_000)]
    public int OperatorCount { get; set; } = 60;

    /// <summary>Time between two ticks of the activity model when <see cref="RunActivity"/> is on.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The only API key the simulator accepts (header <c>X-API-Key</c>, <c>?key=</c> or HTTP Basic user name).</summary>
    [Required]
    public string ApiKey { get; set; } = "simulator-key";

    /// <summary>
    /// Runs the activity model in the background, one tick per <see cref="TickInterval"/>.
    /// Tests that call <see cref="SimulatedPlatform.Step"/> themselves turn it off.
    /// </summary>
    public bool RunActivity { get; set; } = true;
}
