using System.ComponentModel.DataAnnotations;

namespace Dashboard.Demand;

/// <summary>How today's demand is read from <c>GET /statistic</c>.</summary>
public sealed class DemandOptions : IValidatableObject
{
    public const string SectionName = "Demand";

    /// <summary>Period of the reads (one request per channel each time). Demand moves slowly; the live poll does not.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The time zone whose midnight starts "today" (an IANA or Windows id, e.g. <c>Europe/Paris</c>); unset: the server's
    /// own. iAdvize keeps a time zone per website, not per account, so one has to be chosen here.
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>The zone <see cref="TimeZone"/> names, or the clock's local zone when unset.</summary>
    public TimeZoneInfo ResolveZone(TimeProvider time) =>
        string.IsNullOrWhiteSpace(TimeZone) ? time.LocalTimeZone : TimeZoneInfo.FindSystemTimeZoneById(TimeZone.Trim());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Interval < TimeSpan.FromSeconds(1) || Interval > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult($"Demand:Interval must be between 00:00:01 and 01:00:00 (it is {Interval}).", [nameof(Interval)]);
        }

        if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone.Trim(), out _))
        {
            yield return new ValidationResult($"Demand:TimeZone '{TimeZone}' is not a time zone this server knows.", [nameof(TimeZone)]);
        }
    }
}
