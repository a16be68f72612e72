using System.Globalization;
using Dashboard.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Localization;

public sealed class LanguagesTests
{
    // Runs the request localisation middleware with the app's options on a request nobody is signed in to.
    private static async Task<string> CultureOfAsync(string? cookie = null, string? acceptLanguage = null)
    {
        var options = new RequestLocalizationOptions();
        Languages.Configure(options);
        var context = new DefaultHttpContext();
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{Languages.CookieName}={Uri.EscapeDataString(cookie)}";
        }

        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }

        string? seen = null;
        var middleware = new RequestLocalizationMiddleware(
            _ =>
            {
                seen = CultureInfo.CurrentUICulture.Name;
                (CultureInfo.CurrentCulture.Name == seen).ShouldBeTrue("dates and numbers follow the language");
                return Task.CompletedTask;
            },
            Options.Create(options),
            NullLoggerFactory.Instance);
        await middleware.Invoke(context);
        return seen.ShouldNotBeNull();
    }

    [Fact]
    public async Task Without_cookie_or_browser_preference_the_dashboard_speaks_English()
    {
        (await CultureOfAsync()).ShouldBe("en");
    }

    [Theory]
    [InlineData("fr-FR,fr;q=0.9,en;q=0.8", "fr")]
    [InlineData("fr-CA", "fr")]
    [InlineData("de-DE,de;q=0.9", "en")]
    [InlineData("en-GB,fr;q=0.5", "en")]
    public async Task The_browsers_language_picks_among_those_the_dashboard_speaks(string acceptLanguage, string expected)
    {
        (await CultureOfAsync(acceptLanguage: acceptLanguage)).ShouldBe(expected);
    }

    [Fact]
    public async Task The_language_cookie_wins_over_the_browsers_language()
    {
        (await CultureOfAsync(cookie: "c=fr|uic=fr", acceptLanguage: "en-US")).ShouldBe("fr");
        (await CultureOfAsync(cookie: "c=en|uic=en", acceptLanguage: "fr-FR")).ShouldBe("en");
    }

    [Fact]
    public async Task A_cookie_for_a_language_the_dashboard_does_not_speak_is_passed_over()
    {
        (await CultureOfAsync(cookie: "c=de|uic=de", acceptLanguage: "fr")).ShouldBe("fr");
    }

    [Theory]
    [InlineData("fr", "fr")]
    [InlineData(" FR ", "fr")]
    [InlineData("en", "en")]
    [InlineData("de", null)]
    [InlineData("fr-FR", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Only_the_languages_spoken_are_found(string? asked, string? found)
    {
        Languages.Find(asked).ShouldBe(found);
    }

    [Fact]
    public void Shared_markup_is_kept_apart_by_language_and_unknown_cultures_count_as_English()
    {
        Languages.IndexOf(CultureInfo.GetCultureInfo("fr-FR")).ShouldBe(Languages.IndexOf(CultureInfo.GetCultureInfo("fr")));
        Languages.IndexOf(CultureInfo.GetCultureInfo("fr")).ShouldNotBe(Languages.IndexOf(CultureInfo.GetCultureInfo("en")));
        Languages.IndexOf(CultureInfo.InvariantCulture).ShouldBe(Languages.IndexOf(CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void Every_French_text_has_its_English_and_every_English_text_its_French()
    {
        var english = Texts(CultureInfo.InvariantCulture);
        var french = Texts(CultureInfo.GetCultureInfo("fr"));

        french.Keys.Order(StringComparer.Ordinal).ShouldBe(english.Keys.Order(StringComparer.Ordinal));
        // A French text that equals its English one is a missed translation, unless the word is the same in both.
        string[] same = ["Chat", "Manager", "E-mail", "Auto"];
        french.Where(pair => pair.Value == english[pair.Key] && !same.Contains(pair.Value) && pair.Value.Any(char.IsLetter) && !pair.Value.StartsWith('{'))
            .Select(pair => pair.Key).ShouldBeEmpty();
    }

    // Read from the compiled resources themselves, not through a ResourceManager whose sets other tests share.
    private static Dictionary<string, string> Texts(CultureInfo culture)
    {
        var assembly = culture.Name.Length == 0 ? typeof(Texts).Assembly : typeof(Texts).Assembly.GetSatelliteAssembly(culture);
        var name = culture.Name.Length == 0 ? "Dashboard.Localization.Texts.resources" : $"Dashboard.Localization.Texts.{culture.Name}.resources";
        using var stream = assembly.GetManifestResourceStream(name).ShouldNotBeNull();
        using var reader = new System.Resources.ResourceReader(stream);
        return reader.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }
}
