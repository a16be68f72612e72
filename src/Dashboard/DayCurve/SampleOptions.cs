using System.ComponentModel.DataAnnotations;

namespace Dashboard.DayCurve;

/// <summary>How the day's curve is sampled and how long its samples are kept.</summary>
public sealed class SampleOptions : IValidatableObject
{
    public const string SectionName = "Samples";

    /// <summary>Period of the samples of capacity (available operators and free slots per channel).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Samples taken longer ago than this are deleted, once a day.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(31);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Interval < TimeSpan.FromMilliseconds(100) || Interval > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult($"Samples:Interval must be between 00:00:00.1 and 01:00:00 (it is {Interval}).", [nameof(Interval)]);
        }

        // Today's curve is drawn from the stored samples: a shorter retention would delete the morning by the evening.
        if (Retention < TimeSpan.FromDays(1))
        {
            yield return new ValidationResult($"Samples:Retention must be at least 1.00:00:00, a whole day (it is {Retention}).", [nameof(Retention)]);
        }
    }
}
