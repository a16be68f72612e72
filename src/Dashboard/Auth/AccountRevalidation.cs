using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// Keeps an open page honest about its user: every <see cref="AuthOptions.RevalidationInterval"/> the account is read
/// again, and a disabled, re-roled or reset account loses the page (it is sent to sign in again). A page stays open for
/// hours, so the cookie's check on each HTTP request would never run for it.
/// </summary>
internal sealed class AccountRevalidation(
    ILoggerFactory loggerFactory,
    AccountService accounts,
    IOptions<AuthOptions> options) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        authenticationState.User.Identity?.IsAuthenticated != true
        || await accounts.CurrentRoleAsync(authenticationState.User, cancellationToken) is not null;
}
