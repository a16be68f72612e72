using System.ComponentModel.DataAnnotations;

namespace Dashboard.Security;

/// <summary>Protections of the app's own doors (section <c>Security</c>).</summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string SectionName = "Security";

    /// <summary>
    /// Origins besides the app's own (<c>https://wall.example.com</c>: scheme, host and port) whose pages may open the
    /// hub or a Blazor circuit with a visitor's sign-in. The app's own origin is always allowed.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Sign-in attempts (right or wrong) one client address may make in a minute; more are answered 429.</summary>
    [Range(1, 100_000)]
    public int SignInAttemptsPerMinute { get; set; } = 20;

    /// <summary>
    /// Sign-ins checked at the same time, whatever their address (each costs a deliberately slow password hash); a few
    /// more wait their turn, the rest are answered 429.
    /// </summary>
    [Range(1, 64)]
    public int ConcurrentSignIns { get; set; } = 2;

    /// <summary>
    /// Availability changes one person may ask for through the hub in a minute, refused ones included; beyond, calls
    /// are refused unsent and counted in one audit entry a minute.
    /// </summary>
    [Range(1, 100_000)]
    public int HubCommandsPerMinute { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins)
        {
            if (OriginCheck.Parse(origin) is null)
            {
                yield return new ValidationResult(
                    $"Security:AllowedOrigins has '{origin}', which is not an origin: give scheme, host and port only, such as https://dashboard.example.com.",
                    [nameof(AllowedOrigins)]);
            }
        }
    }
}
