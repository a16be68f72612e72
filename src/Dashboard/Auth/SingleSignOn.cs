using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dashboard.Auth;

/// <summary>
/// Optional single sign-on with OpenID Connect (section <c>Auth:Oidc</c>): on when <see cref="Authority"/> is set. The
/// identity provider says who the person is and, in <see cref="RoleClaim"/>, what role they have; nobody gets a role it
/// did not give. Local accounts keep working beside it (the bootstrap Manager is the way in when the provider is down).
/// </summary>
public sealed class OidcOptions
{
    /// <summary>The provider's issuer address, e.g. <c>https://login.example.com/realms/contact-centre</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Unset for a public client (PKCE is always used).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The claim of the ID token that carries the role; it may appear several times (the highest role wins).</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>
    /// The provider's values for each role, for providers whose groups are not named Viewer, Supervisor and Manager:
    /// <c>Auth:Oidc:RoleValues:cc-supervisors=Supervisor</c>. Without any, the role names themselves are understood; once
    /// one is given, only the values given count (a company-wide group that happens to be called "Manager" must not make
    /// its members Managers here).
    /// </summary>
    public Dictionary<string, Role> RoleValues { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The claim shown as the person's name (and recorded in the audit trail); <c>name</c>, <c>email</c>, then <c>sub</c> if missing.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>Scopes asked for besides <c>openid</c> and <c>profile</c> (some providers put roles behind one).</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>Shown on the sign-in button: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>
    /// How long a single sign-on lasts before the person goes back to the provider, however active they are: the
    /// dashboard cannot see a role removed at the provider, so this bounds how long such a person keeps it.
    /// </summary>
    public TimeSpan MaxSessionAge { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Only for a provider on a private network without TLS; never turn it off on the internet.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<ValidationResult> Validate()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult($"Auth:Oidc:Authority must be an absolute https address (it is '{Authority}').");
        }
        else if (authority.Scheme != Uri.UriSchemeHttps && RequireHttpsMetadata)
        {
            yield return new ValidationResult("Auth:Oidc:Authority must use https (or set Auth:Oidc:RequireHttpsMetadata=false on a private network).");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult("Auth:Oidc:ClientId must be set when Auth:Oidc:Authority is.");
        }

        if (string.IsNullOrWhiteSpace(RoleClaim))
        {
            yield return new ValidationResult("Auth:Oidc:RoleClaim must name the claim that carries the role.");
        }

        if (MaxSessionAge < TimeSpan.FromMinutes(5) || MaxSessionAge > TimeSpan.FromDays(7))
        {
            yield return new ValidationResult($"Auth:Oidc:MaxSessionAge must be between 00:05:00 and 7.00:00:00 (it is {MaxSessionAge}).");
        }
    }

    /// <summary>The highest role among the provider's values, or null when none means a role here.</summary>
    public Role? RoleFrom(IEnumerable<string> values) => values.Select(RoleOf).Max();

    // By name only: Enum.TryParse would also take "2" for Manager.
    private Role? RoleOf(string value) =>
        RoleValues.Count > 0
            ? RoleValues.TryGetValue(value.Trim(), out var mapped) ? mapped : null
            : Enum.GetValues<Role>().Cast<Role?>().FirstOrDefault(r => string.Equals(r.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase));
}

internal static class SingleSignOn
{
    public const string Scheme = "oidc";

    public const string ChallengePath = "/login/sso";

    /// <summary>The query value <c>/login?sso=…</c> carries to say why single sign-on did not sign the person in.</summary>
    public const string NoRole = "norole";

    public const string Failed = "failed";

    public const string Unreachable = "unreachable";

    /// <summary>Follows the provider's name for the person in the dashboard: "erin (SSO)".</summary>
    public const string ExternalNameSuffix = "SSO";

    // A single sign-on's NameIdentifier is the provider's subject behind this prefix, so that it never looks like a local id.
    private const string SubjectPrefix = Scheme + ":";

    /// <summary>The provider's subject (<c>sub</c>) of a single sign-on, or null for any other sign-in.</summary>
    public static string? SubjectOf(ClaimsPrincipal user) =>
        AuthExtensions.IsExternal(user) && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && id.Length > SubjectPrefix.Length && id.StartsWith(SubjectPrefix, StringComparison.Ordinal)
            ? id[SubjectPrefix.Length..]
            : null;

    /// <summary>Whether a single sign-on made at the time its claim says is older than <see cref="OidcOptions.MaxSessionAge"/>.</summary>
    public static bool IsExpired(ClaimsPrincipal user, OidcOptions oidc, DateTimeOffset now) =>
        !long.TryParse(user.FindFirstValue(AuthExtensions.ExternalClaimType), System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        || now - DateTimeOffset.FromUnixTimeSeconds(seconds) > oidc.MaxSessionAge;

    private static readonly string[] BaseScopes = ["openid", "profile"];

    public static void Add(AuthenticationBuilder authentication, OidcOptions oidc)
    {
        if (!oidc.Enabled)
        {
            return;
        }

        authentication.AddOpenIdConnect(Scheme, oidc.DisplayName, _ => { });
        authentication.Services.AddOptions<OpenIdConnectOptions>(Scheme)
            .Configure<IOptions<AuthOptions>>((options, auth) => Configure(options, auth.Value.Oidc));
    }

    private static void Configure(OpenIdConnectOptions options, OidcOptions oidc)
    {
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
        options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.CallbackPath = "/signin-oidc";
        // Claims as the provider names them, so that RoleClaim and NameClaim mean what the provider's documentation says.
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.Scope.Clear();
        foreach (var scope in BaseScopes.Concat(oidc.Scopes).Distinct(StringComparer.Ordinal))
        {
            options.Scope.Add(scope);
        }

        options.Events.OnTokenValidated = context =>
        {
            var provided = context.Principal ?? new ClaimsPrincipal();
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn));
            var name = new[] { oidc.NameClaim, "name", "email", "sub" }.Select(provided.FindFirstValue).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            if (oidc.RoleFrom(provided.FindAll(oidc.RoleClaim).Select(c => c.Value)) is not { } role || name is null)
            {
                logger.LogWarning("Single sign-on of {Name} refused: no dashboard role in claim {Claim}", name ?? "(no name)", oidc.RoleClaim);
                context.Response.Redirect($"{AuthExtensions.LoginPath}?sso={NoRole}");
                context.HandleResponse();
                return Task.CompletedTask;
            }

            // A small cookie: who, which role, when, and that the role came from the provider (no local account to
            // re-check). The name says it came from single sign-on, so that it can never pass for a local account's in
            // the audit trail.
            var signedInAt = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            context.Principal = new ClaimsPrincipal(new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, SubjectPrefix + provided.FindFirstValue("sub")),
                    new Claim(ClaimTypes.Name, $"{name} ({ExternalNameSuffix})"),
                    new Claim(ClaimTypes.Role, role.ToString()),
                    new Claim(AuthExtensions.ExternalClaimType, signedInAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new Claim(AuthExtensions.SessionClaimType, EndedSession.NewId()),
                ],
                Scheme));
            logger.LogInformation("{Name} signed in with single sign-on as {Role}", name, role);
            return Task.CompletedTask;
        };
        options.Events.OnRemoteFailure = context =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn))
                .LogWarning(context.Failure, "Single sign-on failed");
            context.Response.Redirect($"{AuthExtensions.LoginPath}?sso={Failed}");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    public static void Map(WebApplication app)
    {
        app.MapGet(ChallengePath, async (HttpContext http, string? returnUrl, IOptions<AuthOptions> auth, ILoggerFactory loggers) =>
        {
            if (!auth.Value.Oidc.Enabled)
            {
                return Results.NotFound();
            }

            try
            {
                // Reads the provider's discovery document (cached after the first success) and redirects to it.
                await http.ChallengeAsync(Scheme, new AuthenticationProperties { RedirectUri = AuthExtensions.SafeReturnUrl(returnUrl) });
                return Results.Empty;
            }
            catch (InvalidOperationException exception) when (!http.Response.HasStarted)
            {
                // The provider cannot be reached or answers nonsense: say so on the sign-in page rather than show an error page.
                loggers.CreateLogger(typeof(SingleSignOn)).LogWarning(exception, "Single sign-on unavailable: the provider's configuration could not be read");
                return Results.Redirect($"{AuthExtensions.LoginPath}?sso={Unreachable}");
            }
        }).AllowAnonymous();
    }
}
