using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Dashboard.Localization;

/// <summary>
/// The languages the dashboard speaks, and how a request's is chosen: the language cookie this browser was given, else the
/// signed-in person's stored choice, else the browser's Accept-Language, else English. Dates and numbers follow the same
/// culture; the DOM hooks of CONTRACT.md and the CSV exports stay invariant whatever it is.
/// </summary>
public static class Languages
{
    public const string English = "en";

    public const string French = "fr";

    /// <summary>The default first.</summary>
    public static readonly IReadOnlyList<string> Supported = [English, French];

    /// <summary>The cookie that carries the choice, as ASP.NET Core's cookie provider reads it.</summary>
    public static string CookieName => CookieRequestCultureProvider.DefaultCookieName;

    /// <summary>How long a browser keeps the choice: a wall screen or a desk is set up once.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    /// <summary>The supported language <paramref name="name"/> names ("fr", "FR"), or null when the dashboard does not speak it.</summary>
    public static string? Find(string? name) =>
        Supported.FirstOrDefault(language => string.Equals(language, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The position of <paramref name="culture"/>'s language in <see cref="Supported"/> (0, English, when it is none): what
    /// shared markup built in one language is kept apart by.
    /// </summary>
    public static int IndexOf(CultureInfo culture)
    {
        for (var i = 0; i < Supported.Count; i++)
        {
            if (string.Equals(Supported[i], culture.TwoLetterISOLanguageName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>The options of the request localisation middleware: cookie, stored choice, Accept-Language, English.</summary>
    public static void Configure(RequestLocalizationOptions options)
    {
        var cultures = Supported.Select(CultureInfo.GetCultureInfo).ToList();
        options.DefaultRequestCulture = new RequestCulture(English);
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        // "fr-CA" in a browser's list means French; the parent culture is what the dashboard has.
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider { CookieName = CookieName },
            new StoredLanguageProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
    }

    /// <summary>Gives this browser the language cookie for <paramref name="language"/> (one of <see cref="Supported"/>).</summary>
    public static void WriteCookie(HttpContext http, string language) =>
        http.Response.Cookies.Append(
            CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.Add(CookieLifetime),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                Path = "/",
            });
}
