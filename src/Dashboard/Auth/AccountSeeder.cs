using Dashboard.Upstream;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>Creates the bootstrap Manager and, on the simulator, one demo account per role.</summary>
internal sealed class AccountSeeder(
    AccountSeeding accounts,
    IOptions<AuthOptions> options,
    UpstreamMode upstream,
    ILogger<AccountSeeder> logger) : IHostedService
{
    /// <summary>Demo accounts: the password is the user name followed by <see cref="DemoPasswordSuffix"/>.</summary>
    public static readonly IReadOnlyList<(string UserName, Role Role)> DemoAccounts =
        [("viewer", Role.Viewer), ("supervisor", Role.Supervisor), ("manager", Role.Manager)];

    public const string DemoPasswordSuffix = "-demo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BootstrapAdmin is { UserName: { Length: > 0 } name, Password: { Length: > 0 } password }
            && await accounts.EnsureAsync(name, password, Role.Manager, cancellationToken))
        {
            logger.LogInformation("Created the bootstrap Manager account {UserName}", name);
        }

        // Only with simulated data: known passwords must never open a dashboard that can change real agents.
        if (upstream.IsSimulated)
        {
            foreach (var (userName, role) in DemoAccounts)
            {
                await accounts.EnsureAsync(userName, userName + DemoPasswordSuffix, role, cancellationToken);
            }

            return;
        }

        // A database first used with the simulator (the README's first command) keeps its demo accounts: with real data
        // their published passwords must open nothing. A Manager may give one a new password and enable it again.
        foreach (var (userName, _) in DemoAccounts)
        {
            if (await accounts.DisableIfPasswordIsAsync(userName, userName + DemoPasswordSuffix, DemoDisabledReason, cancellationToken))
            {
                logger.LogWarning("Disabled the demo account {UserName}: its password is published and real iAdvize data is configured", userName);
            }
        }

        if (!await accounts.HasActiveManagerAsync(cancellationToken))
        {
            logger.LogWarning(
                "No active Manager account: nobody can change availability or manage accounts. Set Auth:BootstrapAdmin:UserName and Auth:BootstrapAdmin:Password, or sign in with single sign-on as a Manager.");
        }
    }

    public const string DemoDisabledReason =
        "Disabled at start: a demo account with its published password, and real iAdvize data is configured. A Manager may reset its password and enable it.";

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
