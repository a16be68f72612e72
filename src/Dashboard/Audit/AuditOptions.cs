using System.ComponentModel.DataAnnotations;

namespace Dashboard.Audit;

/// <summary>How long the audit trail is kept.</summary>
public sealed class AuditOptions : IValidatableObject
{
    public const string SectionName = "Audit";

    /// <summary>Entries requested longer ago than this are deleted, once a day.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Retention < TimeSpan.FromHours(1))
        {
            yield return new ValidationResult($"Audit:Retention must be at least 01:00:00 (it is {Retention}).", [nameof(Retention)]);
        }
    }
}
