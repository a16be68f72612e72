using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Audit;
using Dashboard.Tests.Integration;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Audit;

/// <summary>
/// The audit trail across a real crash: the app runs as its own process, is killed (SIGKILL, no shutdown code runs) while
/// an availability change waits for iAdvize's answer, and a new process started on the same database shows the entry.
/// </summary>
[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed class AuditKillTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Simulator__RunActivity"] = "false",
        // Long enough that the change is still waiting for its answer when the process is killed.
        ["Iadvize__AttemptTimeout"] = "00:01:00",
        ["Audit__PendingTimeout"] = "00:10:00",
        // Both processes are this instance: the second closes what the first left unfinished.
        ["Audit__InstanceName"] = "kill-test",
    };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_process_killed_between_intent_and_answer_shows_the_change_as_outcome_unknown_after_a_restart()
    {
        await using var database = new TestDatabase();
        int target;
        await using (var first = AppProcess.Start(Settings, database))
        {
            var (manager, cookie) = await SignedInManagerAsync(first);
            using var _ = manager;
            await using var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(first.BaseAddress, "hubs/availability"), options => options.Headers["Cookie"] = cookie)
                .Build();
            await hub.StartAsync(Token);
            var snapshot = await hub.InvokeAsync<JsonElement>("GetSnapshot", Token);
            target = snapshot.GetProperty("operators").EnumerateArray().First(o => o.GetProperty("connected").GetBoolean()).GetProperty("id").GetInt32();

            // From now on the simulated iAdvize holds every request without answering: the PUT is sent and waits.
            using var hang = await manager.PutAsJsonAsync(new Uri("/simulator/faults", UriKind.Relative), new { timeoutRate = 1.0, hang = "00:01:00" }, Token);
            hang.EnsureSuccessStatusCode();
            var change = hub.InvokeAsync<JsonElement>("Disconnect", target, Token);
            await WaitForAsync(async () => (await EntriesAsync(database)).Any(e => e.OperatorId == target && e.Outcome is null), "the intent to be written");

            await first.KillAsync();
            await Should.ThrowAsync<Exception>(() => change);
        }

        var left = (await EntriesAsync(database)).ShouldHaveSingleItem();
        left.Outcome.ShouldBeNull("killed before the answer, the entry is left as the intent alone");

        await using var second = AppProcess.Start(Settings, database);
        var (again, _) = await SignedInManagerAsync(second);
        using var __ = again;
        var entry = (await EntriesAsync(database)).ShouldHaveSingleItem();
        entry.OperatorId.ShouldBe(target);
        entry.Outcome.ShouldBe(AuditOutcome.Unknown);
        entry.Message.ShouldBe(AuditTrail.StoppedMessage);
        entry.Actor.ShouldBe("manager");
        entry.CompletedAt.ShouldNotBeNull();

        var page = WebUtility.HtmlDecode(await again.GetStringAsync(new Uri($"/audit?operator={target}", UriKind.Relative), Token));
        page.ShouldContain($"data-operator-id=\"{target}\" data-outcome=\"Unknown\"");
        page.ShouldContain("Outcome unknown");
        page.ShouldContain(AuditTrail.StoppedMessage);
    }

    /// <summary>The demo Manager, signed in through the form once the app answers, and the cookie header that carries it.</summary>
    private static async Task<(HttpClient Http, string Cookie)> SignedInManagerAsync(AppProcess app)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(10),
        };
        await WaitForAsync(
            async () =>
            {
                try
                {
                    return (await http.GetAsync(new Uri("/health/ready", UriKind.Relative), Token)).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false; // Not listening yet.
                }
            },
            "the app to be ready");
        using var signIn = await DashboardFactory.PostLoginAsync(http, "manager", "manager-demo");
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (http, cookies.GetCookieHeader(app.BaseAddress));
    }

    private static async Task<List<AuditEntry>> EntriesAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Token);
    }

    // As long as AppProcess gives a process to listen: a start on a loaded machine has taken more than 30 s.
    private static Task WaitForAsync(Func<Task<bool>> condition, string what) =>
        Eventually.TrueAsync(condition, what, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
}
