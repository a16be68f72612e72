using System.ComponentModel.DataAnnotations;
using Iadvize.Client;
using Microsoft.Extensions.Options;

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

/// <summary>
/// <see cref="AuditOptions.PendingTimeout"/> against the client's timeouts: an entry is closed as "outcome unknown" only
/// when no change could still be waiting for its answer, so it must be longer than the longest a change can take.
/// </summary>
internal sealed class AuditTimeoutValidation(IOptions<IadvizeOptions> iadvize) : IValidateOptions<AuditOptions>
{
    // A PUT and its read-back, each bounded by the client's total request timeout of three attempts.
    public const int AttemptsPerChange = 6;

    // The audit writes around them (with the completion's retries) and publishing the verified state.
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var longest = (iadvize.Value.AttemptTimeout * AttemptsPerChange) + Margin;
        return options.PendingTimeout > longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Audit:PendingTimeout ({options.PendingTimeout}) must be longer than a change can take: {AttemptsPerChange} × Iadvize:AttemptTimeout + {Margin.TotalSeconds:0} s = {longest} (a PUT and its read-back, each up to three attempts, and the audit writes).");
    }
}
