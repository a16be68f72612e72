using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Tests.Audit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Auth;

/// <summary>An open page (a Blazor circuit) whose sign-in is signed out on this instance leaves at once.</summary>
public sealed class AccountRevalidationTests : IAsyncLifetime
{
    private readonly AuditDatabase _db = new();
    private readonly IOptions<AuthOptions> _options = Options.Create(new AuthOptions { RevalidationInterval = TimeSpan.FromHours(1) });
    private readonly TestAccounts _accounts;
    private readonly SignOuts _signOuts;

    public AccountRevalidationTests()
    {
        _accounts = new TestAccounts(_db, _options, _db.Clock);
        _signOuts = new SignOuts(_db, _options, _db.Clock, NullLogger<SignOuts>.Instance);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _accounts.Seeding.EnsureAsync("alice", "alice-password-1", Role.Viewer, Token);

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Signing_out_ends_the_pages_of_that_sign_in_at_once_and_only_those()
    {
        var signedOut = await SignInAsync();
        var other = await SignInAsync();
        using var endedPage = PageOf(signedOut);
        using var keptPage = PageOf(other);
        var states = new List<ClaimsPrincipal>();
        endedPage.AuthenticationStateChanged += async state => states.Add((await state).User);
        var keptChanges = 0;
        keptPage.AuthenticationStateChanged += _ => keptChanges++;

        await _signOuts.EndAsync(signedOut, Token);

        states.ShouldHaveSingleItem().Identity!.IsAuthenticated.ShouldBeFalse();
        keptChanges.ShouldBe(0, "the other sign-in's page stays");
        (await endedPage.GetAuthenticationStateAsync()).User.Identity!.IsAuthenticated.ShouldBeFalse();
        (await keptPage.GetAuthenticationStateAsync()).User.ShouldBeSameAs(other);
    }

    [Fact]
    public async Task A_closed_page_no_longer_listens_for_sign_outs()
    {
        var user = await SignInAsync();
        var page = PageOf(user);
        var changes = 0;
        page.AuthenticationStateChanged += _ => changes++;

        ((IDisposable)page).Dispose();
        await _signOuts.EndAsync(user, Token);

        changes.ShouldBe(0);
    }

    [Fact]
    public async Task A_sign_out_while_a_page_is_still_starting_fails_nothing()
    {
        var user = await SignInAsync();
        var log = new FakeLogger<SignOuts>();
        var signOuts = new SignOuts(_db, _options, _db.Clock, log);
        using var starting = new AccountRevalidation(NullLoggerFactory.Instance, _accounts.Check, _options, signOuts);

        await signOuts.EndAsync(user, Token);

        log.Collector.GetSnapshot().ShouldBeEmpty();
    }

    private async Task<ClaimsPrincipal> SignInAsync() =>
        AuthExtensions.ToPrincipal((await _accounts.SignIns.CheckAsync("alice", "alice-password-1", Token)).Account!);

    private AccountRevalidation PageOf(ClaimsPrincipal user)
    {
        var page = new AccountRevalidation(NullLoggerFactory.Instance, _accounts.Check, _options, _signOuts);
        page.SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
        return page;
    }
}
