using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

public static class AuthExtensions
{
    public const string LoginPath = "/login";

    public const string LogoutPath = "/logout";

    public const string DeniedPath = "/denied";

    /// <summary>Policy: may change availability, read the audit trail and manage accounts.</summary>
    public const string ManagerPolicy = "Manager";

    /// <summary>Policy: may open operator details and export what the dashboard shows (Supervisor and Manager).</summary>
    public const string SupervisorPolicy = "Supervisor";

    /// <summary>The claim carrying the account's security stamp at sign-in (see <see cref="Account.SecurityStamp"/>).</summary>
    public const string StampClaimType = "dashboard:stamp";

    /// <summary>The claim naming one sign-in, so that signing out ends it on the server (see <see cref="EndedSession"/>).</summary>
    public const string SessionClaimType = "dashboard:session";

    /// <summary>
    /// The claim marking a sign-in made through single sign-on, which has no local account; its value is when it was
    /// made (Unix seconds), for <see cref="OidcOptions.MaxSessionAge"/>.
    /// </summary>
    public const string ExternalClaimType = "dashboard:external";

    public static IHostApplicationBuilder AddAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // ASP.NET Core Identity's hasher (PBKDF2, its own default work factor); it keeps no state, so one serves every call.
        builder.Services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        builder.Services.AddSingleton<SignIns>();
        builder.Services.AddSingleton<AccountCheck>();
        builder.Services.AddSingleton<AccountAdministration>();
        builder.Services.AddSingleton<AccountSeeding>();
        builder.Services.AddSingleton<SignOuts>();
        // After AddStorage's migrator, so that the accounts table exists.
        builder.Services.AddHostedService<AccountSeeder>();

        var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        // Whether the scheme exists is decided at start; its settings are read (and validated) with the other Auth settings.
        SingleSignOn.Add(authentication, builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>()?.Oidc ?? new OidcOptions());
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) =>
            {
                cookie.LoginPath = LoginPath;
                cookie.LogoutPath = LogoutPath;
                cookie.AccessDeniedPath = DeniedPath;
                cookie.ExpireTimeSpan = auth.Value.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.Cookie.Name = "dashboard.auth";
                cookie.Cookie.HttpOnly = true;
                // Lax, not Strict: single sign-on ends with a redirect chain that starts at the provider's site, and a
                // Strict cookie would not be sent at its end. Cross-site POSTs still carry no cookie, and every form
                // (sign-out included) checks an antiforgery token.
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // Every request checks the account: a disabled, re-roled or reset account is signed out at once.
                cookie.Events.OnValidatePrincipal = RejectChangedAccountsAsync;
                cookie.Events.OnSignedIn = context => Localization.LocalizationExtensions.ApplyStoredLanguageAsync(context.HttpContext, context.Principal);
            });
        builder.Services.AddAuthorizationBuilder().AddDashboardPolicies();
        builder.Services.AddCascadingAuthenticationState();
        // Replaces Blazor's own provider: an open page re-checks its user's account every RevalidationInterval.
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, AccountRevalidation>();
        return builder;
    }

    public static WebApplication UseAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapAuth(this WebApplication app)
    {
        // A POST with the antiforgery token, so that another site cannot sign a person out with a link or an image.
        app.MapPost(LogoutPath, async (HttpContext http, IAntiforgery antiforgery, SignOuts signOuts) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            // Removing the cookie from this browser is not enough: a copy of it would still open every page and the hub.
            await signOuts.EndAsync(http.User, http.RequestAborted);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(LoginPath);
        }).DisableAntiforgery();
        SingleSignOn.Map(app);
        return app;
    }

    /// <summary>
    /// Where to go after signing in: only a path on this site, so that a crafted link cannot send a freshly signed-in
    /// person elsewhere.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        // The framework's rule: rejects "//host", "/\\host" and control characters a browser would strip ("/\t/host").
        Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl! : "/";

    /// <summary>The claims a signed-in account carries in its cookie.</summary>
    public static ClaimsPrincipal ToPrincipal(Account account) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, account.UserName),
                new Claim(ClaimTypes.Role, account.Role.ToString()),
                new Claim(StampClaimType, account.SecurityStamp),
                new Claim(SessionClaimType, EndedSession.NewId()),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>Whether the sign-in came from single sign-on (no local account to check).</summary>
    public static bool IsExternal(ClaimsPrincipal user) => user.HasClaim(c => c.Type == ExternalClaimType);

    /// <summary>
    /// The signed-in person as the audit trail and account records name them: the name, and for single sign-on also
    /// the provider's subject, since its names are neither unique nor fixed ("erin (SSO) · 00u42"). Null when nobody is.
    /// </summary>
    public static string? RecordedName(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return null;
        }

        return SingleSignOn.SubjectOf(user) is { } subject ? $"{name} · {subject}" : name;
    }

    private static async Task RejectChangedAccountsAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } user)
        {
            return;
        }

        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountCheck>();
        if (await accounts.CurrentRoleAsync(user, context.HttpContext.RequestAborted) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>The role of a signed-in user; <see cref="Role.Viewer"/> when none is recognised, the least it can be.</summary>
    public static Role RoleOf(ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) && user.Identity?.IsAuthenticated == true ? role : Role.Viewer;

    /// <summary>
    /// What each role may do: the one place where roles are compared. Pages, endpoints and the hub name a policy; code that
    /// must decide asks <see cref="AllowsAsync(IAuthorizationService, ClaimsPrincipal?, string)"/>.
    /// </summary>
    public static AuthorizationBuilder AddDashboardPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(ManagerPolicy, policy => policy.RequireRole(nameof(Role.Manager)))
        .AddPolicy(SupervisorPolicy, policy => policy.RequireRole(nameof(Role.Supervisor), nameof(Role.Manager)));

    /// <summary>Whether <paramref name="user"/> meets <paramref name="policy"/> (<see cref="ManagerPolicy"/>, <see cref="SupervisorPolicy"/>).</summary>
    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, ClaimsPrincipal? user, string policy) =>
        user is not null && (await authorization.AuthorizeAsync(user, policy)).Succeeded;

    /// <summary>
    /// Whether the circuit's user meets <paramref name="policy"/>. Pages use it only to hide what the user cannot do: the
    /// pages, endpoints and command service check again on the server.
    /// </summary>
    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? state, string policy) =>
        state is not null && await authorization.AllowsAsync((await state).User, policy);
}
