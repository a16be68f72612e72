using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
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

    public static IHostApplicationBuilder AddAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AccountService>();
        // After AddStorage's migrator, so that the accounts table exists.
        builder.Services.AddHostedService<AccountSeeder>();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
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
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ManagerPolicy, policy => policy.RequireRole(nameof(Role.Manager)))
            .AddPolicy(SupervisorPolicy, policy => policy.RequireRole(nameof(Role.Supervisor), nameof(Role.Manager)));
        builder.Services.AddCascadingAuthenticationState();
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
        app.MapPost(LogoutPath, async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(LoginPath);
        }).DisableAntiforgery();
        return app;
    }

    /// <summary>The claims a signed-in account carries in its cookie.</summary>
    public static ClaimsPrincipal ToPrincipal(Account account) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, account.UserName),
                new Claim(ClaimTypes.Role, account.Role.ToString()),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>The role of a signed-in user; <see cref="Role.Viewer"/> when none is recognised, the least it can be.</summary>
    public static Role RoleOf(ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) && user.Identity?.IsAuthenticated == true ? role : Role.Viewer;

    /// <summary>
    /// Whether the circuit's user may change availability. The UI uses it only to hide what the user cannot do: the
    /// command service checks the role again on the server.
    /// </summary>
    public static async Task<bool> IsManagerAsync(Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? state) =>
        state is not null && RoleOf((await state).User) == Role.Manager;

    /// <summary>
    /// Whether the circuit's user may open operator details and export (Supervisor or Manager). For the UI only: the pages
    /// and endpoints carry <see cref="SupervisorPolicy"/>, which the server enforces.
    /// </summary>
    public static async Task<bool> IsSupervisorAsync(Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? state) =>
        state is not null && RoleOf((await state).User) >= Role.Supervisor;
}
