using System.Net;
using Dashboard.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Integration;

/// <summary>A SQLite file removed, replaced or overwritten under the running app (SQLite only: PostgreSQL has no file).</summary>
[Trait("Kind", "Integration")]
public sealed class DatabaseVanishingTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string File => new SqliteConnectionStringBuilder(_factory.Database.ConnectionString).DataSource;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(TestDatabase.IsPostgres, "The database is not a file.");
        await _factory.StartAndWaitForFirstSnapshotAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_removed_file_fails_readiness_shows_Managers_why_and_refuses_changes_unsent()
    {
        using var manager = await _factory.CreateSignedInClientAsync();
        await using var hub = _factory.CreateHubConnection();
        await hub.StartAsync(Token);
        var target = _factory.Services.GetRequiredService<Dashboard.Live.AvailabilityStore>().Current.Operators.First(o => o.Connected && o.Chat.Available);
        using var anonymous = _factory.CreateClient();
        (await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative), Token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        System.IO.File.Delete(File);

        using var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative), Token);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync(Token)).ShouldContain("database file was removed or replaced");
        (await manager.GetStringAsync(new Uri("/", UriKind.Relative), Token)).ShouldContain("data-testid=\"database-lost\"");
        var change = await hub.InvokeAsync<Dashboard.Commands.CommandResult>("SetChannelAvailability", target.Id, "chat", false, Token);
        change.Succeeded.ShouldBeFalse();
        change.Message.ShouldContain("not sent");
        _factory.Services.GetRequiredService<Iadvize.Simulator.SimulatedPlatform>().GetLive(target.Id)!.Chat.Available.ShouldBeTrue();
    }

    [Fact]
    public async Task A_lost_file_refuses_account_changes_in_plain_words_and_records_nothing()
    {
        var accounts = new TestAccounts(_factory.Services);
        var manager = await _factory.SignedInPrincipalAsync();
        var viewer = (await accounts.Administration.ListAsync(Token)).Single(a => a.UserName == "viewer");
        var eventsBefore = await CountEventsAsync();
        var aside = File + ".aside";

        // Moved aside rather than deleted, so that it can be put back to read what the app wrote into it.
        System.IO.File.Move(File, aside);
        AccountResult[] results =
        [
            await accounts.Administration.CreateAsync(manager, "newcomer", "newcomer-password-1", Role.Viewer, Token),
            await accounts.Administration.ChangeRoleAsync(manager, viewer.Id, Role.Manager, Token),
            await accounts.Administration.SetDisabledAsync(manager, viewer.Id, true, Token),
            await accounts.Administration.ResetPasswordAsync(manager, viewer.Id, "another-password-1", Token),
        ];
        System.IO.File.Move(aside, File, overwrite: true);

        results.ShouldAllBe(result => !result.Succeeded && result.Message.Contains(Dashboard.Storage.DatabaseFile.ReplacedMessage));
        (await CountEventsAsync()).ShouldBe(eventsBefore);
        await using var db = _factory.Database.CreateDbContext();
        (await db.Accounts.AnyAsync(a => a.UserName == "newcomer", Token)).ShouldBeFalse();
        var unchanged = await db.Accounts.SingleAsync(a => a.Id == viewer.Id, Token);
        (unchanged.Role, unchanged.Disabled).ShouldBe((Role.Viewer, false));
        (await accounts.SignIns.CheckAsync("viewer", "viewer" + AccountSeeder.DemoPasswordSuffix, Token)).Succeeded.ShouldBeTrue("the password is the old one");
    }

    private async Task<int> CountEventsAsync()
    {
        await using var db = _factory.Database.CreateDbContext();
        return await db.AccountEvents.CountAsync(Token);
    }

    [Fact]
    public async Task A_file_replaced_by_another_is_noticed()
    {
        using var anonymous = _factory.CreateClient();
        var other = File + ".other";
        System.IO.File.Copy(File, other);

        System.IO.File.Move(other, File, overwrite: true);

        await Eventually.ValueAsync(
            async () =>
            {
                using var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative), Token);
                return ready.StatusCode;
            },
            status => status == HttpStatusCode.ServiceUnavailable,
            "/health/ready answering 503 once the database file is replaced",
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_file_overwritten_in_place_by_another_database_is_noticed()
    {
        using var anonymous = _factory.CreateClient();
        var other = File + ".other";
        await using (var foreign = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            await foreign.OpenAsync(Token);
            await using var create = foreign.CreateCommand();
            create.CommandText = "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('another database');";
            await create.ExecuteNonQueryAsync(Token);
        }

        (await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative), Token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // As `cp other.db dashboard.db` does: the same file (name and inode), other bytes.
        await using (var target = new FileStream(File, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
        {
            target.SetLength(0);
            await target.WriteAsync(await System.IO.File.ReadAllBytesAsync(other, Token), Token);
        }

        System.IO.File.Delete(other);
        using var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative), Token);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync(Token)).ShouldContain("database file was removed or replaced");
    }

    [Fact]
    public async Task The_apps_own_writes_are_not_taken_for_an_overwritten_file()
    {
        var contexts = _factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Dashboard.Storage.DashboardDbContext>>();
        var before = new FileInfo(File).Length;

        // Enough rows to grow the file, so that the checkpoint rewrites its header (which holds its size), then a
        // rewrite of the whole file.
        await using (var db = await contexts.CreateDbContextAsync(Token))
        {
            db.EndedSessions.AddRange(Enumerable.Range(0, 2000).Select(_ => new Dashboard.Auth.EndedSession { Id = Dashboard.Auth.EndedSession.NewId() }));
            await db.SaveChangesAsync(Token);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", Token);
            new FileInfo(File).Length.ShouldBeGreaterThan(before, "the file itself was written");
            await db.Database.ExecuteSqlRawAsync("VACUUM", Token);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", Token);
        }

        _factory.Services.GetRequiredService<Dashboard.Storage.DatabaseFile>().Problem.ShouldBeNull();
        using var anonymous = _factory.CreateClient();
        (await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative), Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_in_when_the_database_fails_says_so_in_plain_words()
    {
        using var http = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // New connections now open an empty file, without the accounts table.
        System.IO.File.Delete(File);
        SqliteConnection.ClearAllPools();

        using var answer = await DashboardFactory.PostLoginAsync(http, DashboardFactory.AdminUserName, DashboardFactory.AdminPassword);

        answer.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await answer.Content.ReadAsStringAsync(Token)).ShouldContain(Dashboard.Components.Pages.Login.DatabaseDownMessage);
    }
}
