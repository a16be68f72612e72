using System.ComponentModel.DataAnnotations;

namespace Dashboard.Auth;

/// <summary>Sign-in settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    /// <summary>A Manager account created at start if no account has its user name, so that a new install can be entered.</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>Optional single sign-on; off unless <c>Auth:Oidc:Authority</c> is set.</summary>
    public OidcOptions Oidc { get; set; } = new();

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The shortest password a Manager may set.</summary>
    [Range(8, 200)]
    public int MinPasswordLength { get; set; } = 10;

    /// <summary>
    /// How often an open page checks that its user's account is still enabled and unchanged (HTTP requests and
    /// availability changes check every time).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a sign-in lasts without activity.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BootstrapAdmin is { UserName: { Length: > 0 } name })
        {
            if (AccountAdministration.CheckUserName(name) is { } invalid)
            {
                yield return new ValidationResult($"Auth:BootstrapAdmin:UserName: {invalid}");
            }

            // The first Manager may change every agent's availability: no weaker password than a Manager could set.
            if ((BootstrapAdmin.Password?.Length ?? 0) < MinPasswordLength)
            {
                yield return new ValidationResult($"Auth:BootstrapAdmin:Password must have at least {MinPasswordLength} characters (Auth:MinPasswordLength).");
            }
        }

        foreach (var result in Oidc.Validate())
        {
            yield return result;
        }
    }
}

/// <summary>The first Manager's credentials.</summary>
public sealed class BootstrapAdminOptions
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}
