using Dashboard.Auth;
using Dashboard.Tests.Audit;
using Dashboard.Upstream;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Auth;

/// <summary>Demo accounts exist with simulated data only; a database that had them is made safe when real data comes.</summary>
[Trait("Database", "Postgres")]
public sealed class AccountSeederTests : IAsyncDisposable
{
    private readonly AuditDatabase _db = new();
    private readonly TestAccounts _accounts;

    public AccountSeederTests() => _accounts = new TestAccounts(_db, Options.Create(new AuthOptions()), _db.Clock);

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Task StartAsync(bool simulated, AuthOptions? options = null) =>
        new AccountSeeder(_accounts.Seeding, Options.Create(options ?? new AuthOptions()), new UpstreamMode(simulated, "test"), NullLogger<AccountSeeder>.Instance).StartAsync(Token);

    [Fact]
    public async Task Simulated_data_creates_one_demo_account_per_role()
    {
        await StartAsync(simulated: true);

        foreach (var (userName, role) in AccountSeeder.DemoAccounts)
        {
            var check = await _accounts.SignIns.CheckAsync(userName, userName + AccountSeeder.DemoPasswordSuffix, Token);
            check.Account.ShouldNotBeNull(check.Error).Role.ShouldBe(role);
        }
    }

    [Fact]
    public async Task Real_data_on_a_database_that_had_the_demo_accounts_disables_those_still_on_their_published_password()
    {
        await StartAsync(simulated: true);
        var boss = AuthExtensions.ToPrincipal((await _accounts.SignIns.CheckAsync("manager", "manager-demo", Token)).Account!);
        var supervisor = (await _accounts.Administration.ListAsync(Token)).Single(a => a.UserName == "supervisor");
        (await _accounts.Administration.ResetPasswordAsync(boss, supervisor.Id, "a-password-only-they-know", Token)).Succeeded.ShouldBeTrue();

        await StartAsync(simulated: false, new AuthOptions { BootstrapAdmin = new() { UserName = "admin", Password = "admin-password" } });

        (await _accounts.SignIns.CheckAsync("manager", "manager-demo", Token)).Error.ShouldBe("This account is disabled. Ask a Manager.");
        (await _accounts.SignIns.CheckAsync("viewer", "viewer-demo", Token)).Error.ShouldBe("This account is disabled. Ask a Manager.");
        (await _accounts.SignIns.CheckAsync("supervisor", "a-password-only-they-know", Token)).Succeeded.ShouldBeTrue("its password is no longer the published one");
        (await _accounts.Check.CurrentRoleAsync(boss, Token)).ShouldBeNull("an open sign-in of a disabled demo account ends");
        (await _accounts.SignIns.CheckAsync("admin", "admin-password", Token)).Succeeded.ShouldBeTrue();
        var recorded = (await _accounts.Administration.RecentEventsAsync(10, Token)).Where(e => e.Actor == AccountSeeding.SystemActor).ToList();
        recorded.Select(e => e.Target).Order().ShouldBe(["manager", "viewer"]);
        recorded.ShouldAllBe(e => e.Action == AccountEvent.Disabled && e.Message == AccountSeeder.DemoDisabledReason);
    }

    [Fact]
    public async Task Real_data_never_creates_demo_accounts()
    {
        await StartAsync(simulated: false);

        (await _accounts.Administration.ListAsync(Token)).ShouldBeEmpty();
    }
}
