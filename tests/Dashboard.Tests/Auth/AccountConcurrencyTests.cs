using Dashboard.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Auth;

/// <summary>Several instances on one database (PostgreSQL's reason to be) start together and seed the same accounts.</summary>
[Trait("Database", "Postgres")]
public sealed class AccountConcurrencyTests : IAsyncDisposable
{
    private readonly TestDatabase _database = new();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Instances_creating_the_same_account_at_once_all_go_on_and_exactly_one_creates_it()
    {
        await using (var db = _database.CreateDbContext())
        {
            await db.Database.MigrateAsync(Token);
        }

        var instances = Enumerable.Range(0, 4).Select(_ => new TestAccounts(_database, Options.Create(new AuthOptions()), TimeProvider.System)).ToList();

        for (var round = 1; round <= 3; round++)
        {
            var userName = $"admin{round}";
            var created = await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.Seeding.EnsureAsync(userName, "a long passphrase", Role.Manager, Token), Token)));

            created.Count(c => c).ShouldBe(1, $"round {round}");
        }

        await using var check = _database.CreateDbContext();
        (await check.Accounts.CountAsync(Token)).ShouldBe(3);
    }

    [Fact]
    public async Task Two_Managers_demoting_each_other_at_once_never_leave_the_dashboard_without_an_active_Manager()
    {
        await using (var db = _database.CreateDbContext())
        {
            await db.Database.MigrateAsync(Token);
        }

        var accounts = new TestAccounts(_database, Options.Create(new AuthOptions()), TimeProvider.System);
        for (var round = 1; round <= 10; round++)
        {
            var (a, b) = ($"a{round}", $"b{round}");
            await accounts.Seeding.EnsureAsync(a, "a long passphrase", Role.Manager, Token);
            await accounts.Seeding.EnsureAsync(b, "a long passphrase", Role.Manager, Token);
            // Only these two are active Managers in this round.
            await using (var db = _database.CreateDbContext())
            {
                await db.Accounts.Where(x => x.UserName != a && x.UserName != b).ExecuteUpdateAsync(set => set.SetProperty(x => x.Role, Role.Viewer), Token);
            }

            var signedInA = AuthExtensions.ToPrincipal((await accounts.SignIns.CheckAsync(a, "a long passphrase", Token)).Account!);
            var signedInB = AuthExtensions.ToPrincipal((await accounts.SignIns.CheckAsync(b, "a long passphrase", Token)).Account!);
            var list = await accounts.Administration.ListAsync(Token);
            var (idA, idB) = (list.Single(x => x.UserName == a).Id, list.Single(x => x.UserName == b).Id);

            var results = await Task.WhenAll(
                Task.Run(() => accounts.Administration.ChangeRoleAsync(signedInA, idB, Role.Viewer, Token), Token),
                Task.Run(() => accounts.Administration.ChangeRoleAsync(signedInB, idA, Role.Viewer, Token), Token));

            results.Count(r => r.Succeeded).ShouldBeLessThanOrEqualTo(1, $"round {round}: {results[0].Message} / {results[1].Message}");
            await using var check = _database.CreateDbContext();
            (await check.Accounts.CountAsync(x => x.Role == Role.Manager && !x.Disabled, Token)).ShouldBe(results.Any(r => r.Succeeded) ? 1 : 2, $"round {round}");
        }
    }
}
