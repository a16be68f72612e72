using System.ComponentModel.DataAnnotations;

namespace Dashboard.Audit;

/// <summary>How long the audit trail is kept, and how unfinished entries are closed.</summary>
public sealed class AuditOptions : IValidatableObject
{
    public const string SectionName = "Audit";

    /// <summary>Entries requested longer ago than this are deleted, once a day.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Names this instance in the entries it writes; the machine name unless set (set it when several run on one machine).</summary>
    public string InstanceName { get; set; } = Environment.MachineName;

    /// <summary>
    /// An entry still without an answer after this long is closed as "outcome unknown" whichever instance wrote it:
    /// no change takes this long, so its instance stopped. Longer than the longest PUT and read-back with their timeouts.
    /// </summary>
    public TimeSpan PendingTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Retention < TimeSpan.FromHours(1))
        {
            yield return new ValidationResult($"Audit:Retention must be at least 01:00:00 (it is {Retention}).", [nameof(Retention)]);
        }

        if (PendingTimeout < TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult($"Audit:PendingTimeout must be at least 00:01:00 (it is {PendingTimeout}).", [nameof(PendingTimeout)]);
        }

        if (string.IsNullOrWhiteSpace(InstanceName) || InstanceName.Length > 200)
        {
            yield return new ValidationResult("Audit:InstanceName must be 1 to 200 characters.", [nameof(InstanceName)]);
        }
    }
}
