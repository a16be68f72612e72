using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// Keeps an open page honest about its user: every <see cref="AuthOptions.RevalidationInterval"/> the account is read
/// again, and a disabled, re-roled or reset account loses the page (it is sent to sign in again). A page stays open for
/// hours, so the cookie's check on each HTTP request would never run for it. A sign-out on this instance ends the
/// sign-in's pages at once (<see cref="SignOuts.Ended"/>).
/// </summary>
internal sealed class AccountRevalidation : RevalidatingServerAuthenticationStateProvider
{
    private readonly AccountCheck _accounts;
    private readonly IOptions<AuthOptions> _options;
    private readonly SignOuts _signOuts;

    // The page's state as last set: asking the base class before it is set (a sign-out elsewhere while this page is still
    // starting) would throw.
    private Task<AuthenticationState>? _state;

    public AccountRevalidation(ILoggerFactory loggerFactory, AccountCheck accounts, IOptions<AuthOptions> options, SignOuts signOuts)
        : base(loggerFactory)
    {
        _accounts = accounts;
        _options = options;
        _signOuts = signOuts;
        AuthenticationStateChanged += state => _state = state;
        _signOuts.Ended += SignOut;
    }

    protected override TimeSpan RevalidationInterval => _options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        authenticationState.User.Identity?.IsAuthenticated != true
        || await _accounts.CurrentRoleAsync(authenticationState.User, cancellationToken) is not null;

    protected override void Dispose(bool disposing)
    {
        // The event is a singleton's: a page left subscribed would be kept alive, circuit and all, until the app stops.
        _signOuts.Ended -= SignOut;
        base.Dispose(disposing);
    }

    // What the revalidation loop does when the account check fails: the page sees nobody signed in and leaves.
    private void SignOut(string session)
    {
        if (_state is { IsCompletedSuccessfully: true } state && SignOuts.IsSession(state.Result.User, session))
        {
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
    }
}
