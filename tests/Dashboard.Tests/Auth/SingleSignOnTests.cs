using System.Net;
using Dashboard.Auth;
using Dashboard.Tests.Integration;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Tests.Auth;

/// <summary>The whole OpenID Connect code flow against an in-memory provider: challenge, code, token, cookie, role.</summary>
[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed class SingleSignOnTests : IAsyncLifetime
{
    private FakeIdentityProvider _provider = default!;
    private DashboardFactory _factory = default!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _provider = await FakeIdentityProvider.StartAsync();
        _factory = new DashboardFactory
        {
            Settings =
            {
                ["Auth:Oidc:Authority"] = FakeIdentityProvider.InMemoryAuthority,
                ["Auth:Oidc:ClientId"] = FakeIdentityProvider.ClientId,
                ["Auth:Oidc:ClientSecret"] = FakeIdentityProvider.ClientSecret,
                ["Auth:Oidc:RoleClaim"] = "groups",
                ["Auth:Oidc:RoleValues:cc-managers"] = "Manager",
                ["Auth:Oidc:RoleValues:cc-supervisors"] = "Supervisor",
                ["Auth:Oidc:RoleValues:cc-viewers"] = "Viewer",
                ["Auth:Oidc:DisplayName"] = "Contoso",
            },
            // The dashboard reaches the provider's discovery document and token endpoint through memory.
            TestServices = services => services.Configure<OpenIdConnectOptions>(SingleSignOn.Scheme, options => options.BackchannelHttpHandler = _provider.Handler),
        };
        await _factory.StartAndWaitForFirstSnapshotAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _provider.DisposeAsync();
    }

    // https, as in production: the correlation and nonce cookies of the flow are Secure.
    private HttpClient Browser() => _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    /// <summary>Goes through the flow as a browser and a person at the provider would; answers the dashboard's last redirect.</summary>
    private async Task<HttpResponseMessage> SignInWithProviderAsync(HttpClient browser, Dictionary<string, object> claims, string returnUrl = "/")
    {
        var login = await browser.GetStringAsync(new Uri("/login", UriKind.Relative), Token);
        login.ShouldContain("Sign in with Contoso");

        using var challenge = await browser.GetAsync(new Uri($"/login/sso?returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative), Token);
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = challenge.Headers.Location!;
        authorize.GetLeftPart(UriPartial.Path).ShouldBe($"{FakeIdentityProvider.InMemoryAuthority}/authorize");
        var query = QueryHelpers.ParseQuery(authorize.Query);
        query["code_challenge_method"].ToString().ShouldBe("S256");
        query["scope"].ToString().ShouldBe("openid profile");

        var code = _provider.IssueCode(query["nonce"]!, query["code_challenge"]!, claims);
        using var callback = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code, ["state"] = query["state"]! });
        return await browser.PostAsync(new Uri(query["redirect_uri"]!), callback, Token);
    }

    [Fact]
    public async Task A_person_the_provider_puts_in_a_managers_group_signs_in_as_a_Manager_and_returns_where_they_were_going()
    {
        using var browser = Browser();

        using var signedIn = await SignInWithProviderAsync(browser, new() { ["sub"] = "u-42", ["preferred_username"] = "erin", ["groups"] = new[] { "cc-agents", "cc-managers" } }, "/audit");

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldBe("/audit");
        using var audit = await browser.GetAsync(new Uri("/audit", UriKind.Relative), Token);
        audit.StatusCode.ShouldBe(HttpStatusCode.OK, "the audit log is for Managers");
        var home = await browser.GetStringAsync(new Uri("/", UriKind.Relative), Token);
        home.ShouldContain("erin (SSO) · Manager");
        var accounts = await browser.GetStringAsync(new Uri("/accounts", UriKind.Relative), Token);
        accounts.ShouldContain("data-testid=\"accounts-sso-note\"");
        accounts.ShouldNotContain("data-username=\"erin\"", Case.Sensitive, "no local account is made for a single sign-on user");
    }

    [Fact]
    public async Task Single_sign_on_returns_only_to_a_page_of_this_site()
    {
        using var browser = Browser();

        using var signedIn = await SignInWithProviderAsync(browser, new() { ["sub"] = "u-42", ["preferred_username"] = "erin", ["groups"] = "cc-viewers" }, "/\t/evil.example/");

        signedIn.Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task A_mapped_group_gives_its_role_and_a_bare_role_name_gives_none_once_groups_are_mapped()
    {
        using var browser = Browser();
        using var other = Browser();

        using var signedIn = await SignInWithProviderAsync(browser, new() { ["sub"] = "u-7", ["name"] = "Fatou Diallo", ["groups"] = "cc-supervisors" });
        using var refused = await SignInWithProviderAsync(other, new() { ["sub"] = "u-8", ["name"] = "Line Manager", ["groups"] = "Manager" });

        signedIn.Headers.Location!.ToString().ShouldBe("/");
        (await browser.GetStringAsync(new Uri("/", UriKind.Relative), Token)).ShouldContain("Fatou Diallo (SSO) · Supervisor");
        using var audit = await browser.GetAsync(new Uri("/audit", UriKind.Relative), Token);
        audit.Headers.Location!.ToString().ShouldContain("/denied");
        refused.Headers.Location!.ToString().ShouldBe("/login?sso=norole", "a company-wide group called Manager is not this dashboard's Manager");
    }

    [Fact]
    public async Task Someone_the_provider_gives_no_dashboard_role_is_not_signed_in_and_is_told_why()
    {
        using var browser = Browser();

        using var refused = await SignInWithProviderAsync(browser, new() { ["sub"] = "u-9", ["preferred_username"] = "gus", ["groups"] = new[] { "cc-agents" } });

        refused.Headers.Location!.ToString().ShouldBe("/login?sso=norole");
        var login = await browser.GetStringAsync(refused.Headers.Location, Token);
        login.ShouldContain("Contoso signed you in but gave you no role in this dashboard (claim &#x27;groups&#x27;)");
        using var home = await browser.GetAsync(new Uri("/", UriKind.Relative), Token);
        home.Headers.Location!.ToString().ShouldContain("/login");
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_provider_does_not_publish_signs_nobody_in()
    {
        _provider.SigningKey = FakeIdentityProvider.NewKey("forged");
        using var browser = Browser();

        using var refused = await SignInWithProviderAsync(browser, new() { ["sub"] = "u-1", ["preferred_username"] = "mallory", ["groups"] = "Manager" });

        refused.Headers.Location!.ToString().ShouldBe("/login?sso=failed");
        (await browser.GetStringAsync(refused.Headers.Location, Token)).ShouldContain("Single sign-on did not complete.");
        using var home = await browser.GetAsync(new Uri("/", UriKind.Relative), Token);
        home.Headers.Location!.ToString().ShouldContain("/login");
    }

    [Fact]
    public async Task A_provider_that_is_down_is_reported_on_the_sign_in_page_and_local_sign_in_still_works()
    {
        _provider.Down = true;
        using var browser = Browser();

        using var challenge = await browser.GetAsync(new Uri("/login/sso?returnUrl=%2F", UriKind.Relative), Token);

        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        challenge.Headers.Location!.ToString().ShouldBe("/login?sso=unreachable");
        (await browser.GetStringAsync(challenge.Headers.Location, Token)).ShouldContain("Contoso cannot be reached just now.");
        using var local = await DashboardFactory.PostLoginAsync(browser, "viewer", "viewer-demo");
        local.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Local_accounts_keep_working_beside_single_sign_on()
    {
        using var http = await _factory.CreateSignedInClientAsync("supervisor", "supervisor-demo");

        (await http.GetStringAsync(new Uri("/", UriKind.Relative), Token)).ShouldContain("supervisor · Supervisor");
    }
}
