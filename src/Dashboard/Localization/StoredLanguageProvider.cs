using Dashboard.Preferences;
using Microsoft.AspNetCore.Localization;

namespace Dashboard.Localization;

/// <summary>
/// A signed-in person whose browser has no language cookie (a new machine, cookies cleared) gets the language they chose
/// before, and the cookie with it, so that the database is asked once per browser, not once per request.
/// </summary>
public sealed class StoredLanguageProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        // The page's own request has already put the cookie in place for the circuit's requests that follow it: those
        // stay off the database, on the path to a live page.
        if (httpContext.User.Identity?.IsAuthenticated != true || httpContext.Request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal))
        {
            return null;
        }

        var preferences = httpContext.RequestServices.GetRequiredService<UserPreferences>();
        if (await preferences.LanguageAsync(httpContext.User, httpContext.RequestAborted) is not { } language)
        {
            return null;
        }

        if (!httpContext.Response.HasStarted)
        {
            Languages.WriteCookie(httpContext, language);
        }

        return new ProviderCultureResult(language);
    }
}
