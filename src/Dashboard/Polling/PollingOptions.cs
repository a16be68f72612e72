using System.ComponentModel.DataAnnotations;

namespace Dashboard.Polling;

/// <summary>How often the upstream is read.</summary>
public sealed class PollingOptions : IValidatableObject
{
    public const string SectionName = "Polling";

    /// <summary>Period of the live poll (<c>GET /operator/live</c>, every page).</summary>
    public TimeSpan LiveInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Period of the roster refresh (operators, groups, skills).</summary>
    public TimeSpan RosterInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// At most this many requests reach the upstream in any minute, whatever the number of operators: when a cycle would
    /// not fit, it waits for the next tick. A tenth is kept for people's availability changes.
    /// </summary>
    public int MaxRequestsPerMinute { get; set; } = 240;

    /// <summary>Groups polled with <c>filters[group_id]</c> on top of the unfiltered poll, for accounts where the API hides
    /// operators with groups from unfiltered calls. Results are merged by operator id.</summary>
    public IList<int> GroupScopes { get; } = [];

    /// <summary>Skills polled with <c>filters[skill_id]</c> on top of the unfiltered poll (see <see cref="GroupScopes"/>).</summary>
    public IList<int> SkillScopes { get; } = [];

    /// <summary>Requests kept out of the poller's reach for availability changes.</summary>
    public int ReservedForCommands => Math.Max(2, MaxRequestsPerMinute / 10);

    /// <summary>
    /// Requests a minute at most for operator reads that webhooks ask for: a quarter of what the commands leave, so that a
    /// burst of events never takes the live poll's share.
    /// </summary>
    public int RefreshShare => Math.Max(1, (MaxRequestsPerMinute - ReservedForCommands) / 4);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LiveInterval < TimeSpan.FromMilliseconds(100))
        {
            yield return new ValidationResult($"Polling:LiveInterval must be at least 00:00:00.1 (it is {LiveInterval}).", [nameof(LiveInterval)]);
        }

        if (MaxRequestsPerMinute < 10)
        {
            yield return new ValidationResult($"Polling:MaxRequestsPerMinute must be at least 10 (it is {MaxRequestsPerMinute}).", [nameof(MaxRequestsPerMinute)]);
        }

        if (RosterInterval < LiveInterval)
        {
            yield return new ValidationResult($"Polling:RosterInterval must be at least Polling:LiveInterval (it is {RosterInterval}).", [nameof(RosterInterval)]);
        }
    }
}
