using System.ComponentModel.DataAnnotations;

namespace Dashboard.Webhooks;

/// <summary>The iAdvize webhook receiver, <c>POST /webhooks/iadvize</c> (configuration section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// The secret iAdvize signs deliveries with (HMAC-SHA256 of the raw body). Unset, the endpoint answers 404. Stays on
    /// the server: never logged, never rendered.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Largest body accepted, in bytes (1 KiB to 1 MiB); a larger delivery is answered 413 without being read further.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How long an <c>eventId</c> or <c>x-iadvize-correlationid</c> is remembered to drop repeated deliveries. iAdvize retries
    /// after 10 s and 30 s, so the default leaves a wide margin.
    /// </summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Ids remembered at most (100 to 1,000,000; the oldest are forgotten first), which bounds memory whatever the delivery rate.</summary>
    public int MaxRememberedIds { get; set; } = 20_000;

    public bool IsEnabled => !string.IsNullOrEmpty(Secret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Secret) && string.IsNullOrWhiteSpace(Secret))
        {
            yield return new ValidationResult("Webhooks:Secret must not be blank; remove it to turn the webhook endpoint off.", [nameof(Secret)]);
        }

        if (MaxBodyBytes is < 1_024 or > 1_048_576)
        {
            yield return new ValidationResult($"Webhooks:MaxBodyBytes must be between 1024 and 1048576 (it is {MaxBodyBytes}).", [nameof(MaxBodyBytes)]);
        }

        if (MaxRememberedIds is < 100 or > 1_000_000)
        {
            yield return new ValidationResult($"Webhooks:MaxRememberedIds must be between 100 and 1000000 (it is {MaxRememberedIds}).", [nameof(MaxRememberedIds)]);
        }

        if (DeduplicationWindow < TimeSpan.FromMinutes(1) || DeduplicationWindow > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult($"Webhooks:DeduplicationWindow must be between 00:01:00 and 1.00:00:00 (it is {DeduplicationWindow}).", [nameof(DeduplicationWindow)]);
        }
    }
}
