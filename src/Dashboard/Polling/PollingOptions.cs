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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LiveInterval < TimeSpan.FromMilliseconds(100))
        {
            yield return new ValidationResult($"Polling:LiveInterval must be at least 00:00:00.1 (it is {LiveInterval}).", [nameof(LiveInterval)]);
        }

        if (RosterInterval < LiveInterval)
        {
            yield return new ValidationResult($"Polling:RosterInterval must be at least Polling:LiveInterval (it is {RosterInterval}).", [nameof(RosterInterval)]);
        }
    }
}
