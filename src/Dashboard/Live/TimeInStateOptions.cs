using System.ComponentModel.DataAnnotations;

namespace Dashboard.Live;

/// <summary>Where and how often the time in state is kept, so that a restart does not forget when statuses began.</summary>
public sealed class TimeInStateOptions : IValidatableObject
{
    public const string SectionName = "TimeInState";

    /// <summary>The JSON file holding each channel's status and start; relative paths are under the content root.</summary>
    [Required]
    public string File { get; set; } = "time-in-state.json";

    /// <summary>At most one write per this period, and only when something changed.</summary>
    public TimeSpan WriteInterval { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WriteInterval < TimeSpan.FromMilliseconds(100))
        {
            yield return new ValidationResult($"TimeInState:WriteInterval must be at least 00:00:00.1 (it is {WriteInterval}).", [nameof(WriteInterval)]);
        }

        if (string.IsNullOrWhiteSpace(File) || File.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            yield return new ValidationResult($"TimeInState:File must be a file path (it is '{File}').", [nameof(File)]);
        }
    }
}
