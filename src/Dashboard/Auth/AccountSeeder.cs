using Dashboard.Upstream;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>Creates the bootstrap Manager and, on the simulator, one demo account per role.</summary>
internal sealed class AccountSeeder(
    AccountService accounts,
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
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
