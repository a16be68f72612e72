using Dashboard.Tests.Auth;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>The app with single sign-on against a provider on another site (127.0.0.1 while the app is on localhost).</summary>
public sealed class SingleSignOnFixture : BrowserFixture
{
    public SingleSignOnFixture()
        : this(FakeIdentityProvider.StartOnLoopbackAsync().GetAwaiter().GetResult())
    {
    }

    private SingleSignOnFixture(FakeIdentityProvider provider)
        : base(new Dictionary<string, string>
        {
            ["Auth:Oidc:Authority"] = provider.Authority,
            ["Auth:Oidc:ClientId"] = FakeIdentityProvider.ClientId,
            ["Auth:Oidc:ClientSecret"] = FakeIdentityProvider.ClientSecret,
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
            ["Auth:Oidc:RoleClaim"] = "groups",
            ["Auth:Oidc:DisplayName"] = "Contoso",
        }) => Provider = provider;

    internal FakeIdentityProvider Provider { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

public sealed class SingleSignOnBrowserTests(SingleSignOnFixture fixture) : BrowserTest(fixture), IClassFixture<SingleSignOnFixture>
{
    private IPage _page = default!;

    // The app by name, the provider by address: two different sites, as in production, so that the cookies' SameSite
    // rules are really exercised by the provider's cross-site post back.
    private Uri App(string path) => new UriBuilder(fixture.BaseAddress) { Host = "localhost", Path = path }.Uri;

    public override async ValueTask InitializeAsync() => _page = await NewPageAsync();

    [Fact]
    public async Task A_Manager_of_the_identity_provider_signs_in_with_one_click_and_may_change_availability()
    {
        fixture.Provider.Person = new Dictionary<string, object> { ["sub"] = "u-1", ["preferred_username"] = "erin", ["groups"] = "Manager" };

        await _page.GotoAsync(App("/login").ToString());
        await _page.GetByTestId("login-sso").ClickAsync();

        await _page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new PageWaitForURLOptions { Timeout = 20_000 });
        await Assertions.Expect(_page.GetByTestId("signed-in")).ToContainTextAsync("erin (SSO) · Manager");
        await _page.Locator("[data-testid=toggle]:not([disabled])").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
    }

    [Fact]
    public async Task Someone_the_provider_gives_no_dashboard_role_is_told_so_on_the_sign_in_page()
    {
        fixture.Provider.Person = new Dictionary<string, object> { ["sub"] = "u-2", ["preferred_username"] = "gus", ["groups"] = "agents" };

        await _page.GotoAsync(App("/login").ToString());
        await _page.GetByTestId("login-sso").ClickAsync();

        await _page.WaitForURLAsync(url => new Uri(url).Query.Contains("sso=norole", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 20_000 });
        await Assertions.Expect(_page.GetByTestId("login-error")).ToContainTextAsync("Contoso signed you in but gave you no role");
    }
}
