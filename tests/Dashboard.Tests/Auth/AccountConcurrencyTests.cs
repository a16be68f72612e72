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

        var instances = Enumerable.Range(0, 4).Select(_ => new AccountService(_database, Options.Create(new AuthOptions()), TimeProvider.System)).ToList();

        for (var round = 1; round <= 3; round++)
        {
            var userName = $"admin{round}";
            var created = await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.EnsureAsync(userName, "a long passphrase", Role.Manager, Token), Token)));

            created.Count(c => c).ShouldBe(1, $"round {round}");
        }

        await using var check = _database.CreateDbContext();
        (await check.Accounts.CountAsync(Token)).ShouldBe(3);
    }
}
