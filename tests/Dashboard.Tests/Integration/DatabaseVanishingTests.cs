using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Integration;

/// <summary>A SQLite file removed or replaced under the running app (SQLite only: PostgreSQL has no file).</summary>
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
