using Dashboard.Auth;
using Dashboard.Preferences;
using Microsoft.AspNetCore.Antiforgery;

namespace Dashboard.Localization;

public static class LocalizationExtensions
{
    /// <summary>Where the language switch posts: <c>language</c> (en, fr) and <c>returnUrl</c>.</summary>
    public const string LanguagePath = "/language";

    /// <summary>English and French from resource files (<see cref="Texts"/>); see <see cref="Languages"/> for how one is chosen.</summary>
    public static IHostApplicationBuilder AddLanguages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(Languages.Configure);
        return builder;
    }

    /// <summary>After authentication: a signed-in person's stored choice is one of the sources.</summary>
    public static WebApplication UseLanguages(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    public static WebApplication MapLanguages(this WebApplication app)
    {
        // A form post with the antiforgery token, as sign-out: another site cannot switch a person's language. The page
        // is loaded again afterwards, since a live page keeps the culture of the request that opened it.
        app.MapPost(LanguagePath, async (HttpContext http, IAntiforgery antiforgery, UserPreferences preferences) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (Languages.Find(form["language"]) is not { } language)
            {
                return Results.BadRequest();
            }

            Languages.WriteCookie(http, language);
            if (UserPreferences.KeyOf(http.User) is not null)
            {
                // Not written: the cookie still carries the choice in this browser.
                await preferences.SetLanguageAsync(http.User, language, http.RequestAborted);
            }

            return Results.LocalRedirect(AuthExtensions.SafeReturnUrl(form["returnUrl"]));
        }).DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// At sign-in (local or single sign-on), the person's stored language replaces whatever this browser had: a shared
    /// desk serves each person in their own.
    /// </summary>
    public static async Task ApplyStoredLanguageAsync(HttpContext http, System.Security.Claims.ClaimsPrincipal? user)
    {
        var preferences = http.RequestServices.GetRequiredService<UserPreferences>();
        if (await preferences.LanguageAsync(user, http.RequestAborted) is { } language && !http.Response.HasStarted)
        {
            Languages.WriteCookie(http, language);
        }
    }
}
