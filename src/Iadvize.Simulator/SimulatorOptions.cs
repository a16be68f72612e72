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

    /// <summary>
    /// Contacts (visitors asking for a conversation) per minute across chat, call and video at the busiest hour.
    /// Empty (the default) scales with the roster: enough to keep about 60% of connected chat slots occupied.
    /// </summary>
    [Range(0, 1_000_000)]
    public double? ContactsPerMinute { get; set; }

    /// <summary>How long, on average, a visitor waits in a chat or video queue before giving up (each one waits 50% to 150% of it).</summary>
    public TimeSpan Patience { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Follows the time of day (UTC): operators work 8-hour shifts between 06:00 and 21:00 and contacts follow a working-day
    /// curve. Off (the default), the platform stays at its daytime level around the clock, so a demo at night looks alive.
    /// </summary>
    public bool DayCycle { get; set; }

    /// <summary>
    /// Reproduces a documented quirk of <c>GET /operator/live</c>: operators who have a group or skills are listed only when
    /// the request filters on <c>filters[group_id]</c> or <c>filters[skill_id]</c> and they match it. Off by default.
    /// </summary>
    public bool HideScopedOperators { get; set; }

    /// <summary>Faults injected from the start (<c>Simulator:Faults:ErrorRate</c> ...); they can be changed at run time.</summary>
    public SimulatorFaults Faults { get; set; } = new();

    /// <summary>Signed webhooks sent on every change of an operator's state (<c>Simulator:Webhooks:Url</c>, <c>Simulator:Webhooks:Secret</c>).</summary>
    public SimulatorWebhookOptions Webhooks { get; set; } = new();
}
