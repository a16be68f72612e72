using System.Net;
using Dashboard.Localization;
using Dashboard.Preferences;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Integration;

[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed class LanguageTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _factory.StartAndWaitForFirstSnapshotAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    // The app bar's switch, as a browser posts it: the page's hidden fields (antiforgery, return address) and a language.
    private static async Task<HttpResponseMessage> ChooseAsync(HttpClient http, string language, string page = "/")
    {
        var fields = FormPost.HiddenFields(await http.GetStringAsync(new Uri(page, UriKind.Relative), Token));
        fields["language"] = language;
        using var content = new FormUrlEncodedContent(fields);
        return await http.PostAsync(new Uri(LocalizationExtensions.LanguagePath, UriKind.Relative), content, Token);
    }

    private static async Task<string> HomeAsync(HttpClient http, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var answer = await http.SendAsync(request, Token);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        // Prerendered text is HTML-encoded ("d&#xE9;connecter"): read as a browser would.
        return WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Choosing_French_stores_it_sets_the_cookie_and_returns_to_the_same_page_in_French()
    {
        using var http = await _factory.CreateSignedInClientAsync();
        (await HomeAsync(http)).ShouldContain("<html lang=\"en\"");

        using var chosen = await ChooseAsync(http, "fr", "/?q=ali&state=available");

        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        chosen.Headers.Location!.ToString().ShouldBe("/?q=ali&state=available");
        chosen.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(Languages.CookieName + "=c%3Dfr%7Cuic%3Dfr", StringComparison.Ordinal));
        var page = await HomeAsync(http);
        page.ShouldContain("<html lang=\"fr\"");
        page.ShouldContain("Se déconnecter");
        page.ShouldContain("data-state=\"available\"", customMessage: "the hooks stay in English");
        var preferences = _factory.Services.GetRequiredService<UserPreferences>();
        (await preferences.LanguageAsync(await _factory.SignedInPrincipalAsync(), Token)).ShouldBe("fr");
    }

    [Fact]
    public async Task Signing_in_again_on_another_browser_brings_the_stored_language_back()
    {
        using (var first = await _factory.CreateSignedInClientAsync())
        {
            using var _ = await ChooseAsync(first, "fr");
        }

        // A fresh cookie jar, whose browser asks for English: the person's choice wins.
        using var second = await _factory.CreateSignedInClientAsync();

        (await HomeAsync(second, acceptLanguage: "en-US")).ShouldContain("<html lang=\"fr\"");
    }

    [Fact]
    public async Task Without_a_choice_the_browsers_language_applies()
    {
        using var http = await _factory.CreateSignedInClientAsync("manager", "manager-demo");

        (await HomeAsync(http, acceptLanguage: "fr-FR,fr;q=0.9")).ShouldContain("Se déconnecter");
        (await HomeAsync(http, acceptLanguage: "de-DE")).ShouldContain("Sign out");
    }

    [Fact]
    public async Task The_login_page_follows_the_browsers_language()
    {
        using var http = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/login", UriKind.Relative));
        request.Headers.Add("Accept-Language", "fr");

        using var answer = await http.SendAsync(request, Token);

        (await answer.Content.ReadAsStringAsync(Token)).ShouldContain("<html lang=\"fr\"");
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_or_with_an_unknown_language_changes_nothing()
    {
        using var http = await _factory.CreateSignedInClientAsync();

        using var forged = await http.PostAsync(new Uri(LocalizationExtensions.LanguagePath, UriKind.Relative), new FormUrlEncodedContent([new("language", "fr")]), Token);
        using var unknown = await ChooseAsync(http, "de");

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await HomeAsync(http)).ShouldContain("<html lang=\"en\"");
    }

    [Fact]
    public async Task The_return_address_never_leads_to_another_site()
    {
        using var http = await _factory.CreateSignedInClientAsync();
        var fields = FormPost.HiddenFields(await http.GetStringAsync(new Uri("/", UriKind.Relative), Token));
        fields["language"] = "fr";
        fields["returnUrl"] = "//evil.example/";
        using var content = new FormUrlEncodedContent(fields);

        using var answer = await http.PostAsync(new Uri(LocalizationExtensions.LanguagePath, UriKind.Relative), content, Token);

        answer.Headers.Location!.ToString().ShouldBe("/");
    }
}
