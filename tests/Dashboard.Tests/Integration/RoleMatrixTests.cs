using System.Net;
using System.Net.Http.Json;
using Dashboard.Auth;
using Dashboard.Commands;
using Dashboard.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Tests.Integration;

/// <summary>
/// Each role does exactly what it should, asked the way a script would ask: HTTP requests without the UI, hub methods
/// called directly, and the account service as a page's handler calls it. What the UI hides is not what is tested here.
/// </summary>
/// <remarks>
/// One app for the class: each test changes only what is its own (the accounts it makes, the audit entries and account
/// events of its role, counts taken as differences), so no test depends on which ran before it. The faults switch is
/// the exception: a refused key pauses the app's polling, so those tests start an app each.
/// </remarks>
[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed class RoleMatrixTests(SharedDashboard app) : IClassFixture<SharedDashboard>
{
    private readonly DashboardFactory _factory = app.Factory;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, Role> Demo => new()
    {
        { "viewer", Role.Viewer },
        { "supervisor", Role.Supervisor },
        { "manager", Role.Manager },
    };

    [Theory]
    [MemberData(nameof(Demo))]
    public async Task Pages_and_endpoints_open_to_exactly_the_roles_they_are_for(string userName, Role role)
    {
        var someone = _factory.Services.GetRequiredService<AvailabilityStore>().Current.Operators[0].Id;
        using var http = await _factory.CreateSignedInClientAsync(userName, userName + AccountSeeder.DemoPasswordSuffix);
        var paths = new (string Path, Role Least)[]
        {
            ("/", Role.Viewer),
            ($"/operators/{someone}", Role.Supervisor),
            ("/export/operators.csv", Role.Supervisor),
            ("/audit", Role.Manager),
            ("/audit/export.csv", Role.Manager),
            ("/accounts", Role.Manager),
            ("/simulator/admin", Role.Manager),
            ("/simulator/faults", Role.Manager),
        };

        foreach (var (path, least) in paths)
        {
            using var answer = await http.GetAsync(new Uri(path, UriKind.Relative), Token);
            if (role >= least)
            {
                answer.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} on {path}");
            }
            else
            {
                answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{role} on {path}");
                answer.Headers.Location!.ToString().ShouldContain("/denied", Case.Sensitive, $"{role} on {path}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Demo))]
    public async Task Only_a_Manager_changes_availability_through_the_hub_and_every_attempt_is_audited(string userName, Role role)
    {
        var store = _factory.Services.GetRequiredService<AvailabilityStore>();
        var available = store.Current.Operators.First(o => o.Connected && o.Chat.Status == ChannelStatus.Available);
        var other = store.Current.Operators.First(o => o.Connected && o.Id != available.Id);
        var simulator = _factory.Services.GetRequiredService<Iadvize.Simulator.SimulatedPlatform>();
        var putsBefore = simulator.Requests.Count(r => r.Method == "PUT");
        await using var hub = _factory.CreateHubConnection(userName, userName + AccountSeeder.DemoPasswordSuffix);
        await hub.StartAsync(Token);

        var toggled = await hub.InvokeAsync<CommandResult>("SetChannelAvailability", available.Id, "chat", false, Token);
        var disconnected = await hub.InvokeAsync<CommandResult>("Disconnect", other.Id, Token);

        toggled.Succeeded.ShouldBe(role == Role.Manager, toggled.Message);
        disconnected.Succeeded.ShouldBe(role == Role.Manager, disconnected.Message);
        (simulator.Requests.Count(r => r.Method == "PUT") - putsBefore).ShouldBe(role == Role.Manager ? 2 : 0);
        var entries = (await _factory.Services.GetRequiredService<Dashboard.Audit.AuditLog>()
            .GetPageAsync(new Dashboard.Audit.AuditFilter(User: userName), 1, Token)).Entries;
        entries.Count.ShouldBe(2);
        entries.ShouldAllBe(e => e.Outcome == (role == Role.Manager ? Dashboard.Audit.AuditOutcome.Succeeded : Dashboard.Audit.AuditOutcome.Refused));
    }

    [Theory]
    [MemberData(nameof(Demo))]
    public async Task Operators_e_mails_and_external_ids_reach_a_hub_client_only_from_Supervisor_up(string userName, Role role)
    {
        var store = _factory.Services.GetRequiredService<AvailabilityStore>();
        var simulator = _factory.Services.GetRequiredService<Iadvize.Simulator.SimulatedPlatform>();
        // Connected upstream too: the operator an earlier case disconnected may still be connected in the store until the
        // next poll, and disconnecting them again would change nothing.
        var target = store.Current.Operators.First(o => o.Connected && o.Email is not null && o.ExternalId is not null && simulator.GetLive(o.Id)?.Connected == true);
        var messages = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var hub = _factory.CreateHubConnection(userName, userName + AccountSeeder.DemoPasswordSuffix);
        hub.On<System.Text.Json.JsonElement>("Snapshot", m => messages.Enqueue(m.GetRawText()));
        hub.On<System.Text.Json.JsonElement>("Changes", m => messages.Enqueue(m.GetRawText()));
        await hub.StartAsync(Token);
        var sequence = store.Current.Sequence;

        simulator.Disconnect(target.Id);
        await Eventually.TrueAsync(
            () => messages.Any(m => m.Contains("\"changes\"", StringComparison.Ordinal) && m.Contains($"\"operatorId\":{target.Id},", StringComparison.Ordinal)),
            $"a change set about operator {target.Id} on the {role}'s hub connection",
            TimeSpan.FromSeconds(10));

        messages.Enqueue((await hub.InvokeAsync<System.Text.Json.JsonElement>("GetSnapshot", Token)).GetRawText());
        messages.Enqueue((await hub.InvokeAsync<System.Text.Json.JsonElement>("GetChangesSince", sequence, Token)).GetRawText());
        var all = string.Join("\n", messages);
        all.Contains(target.Name, StringComparison.Ordinal).ShouldBeTrue("every role sees who is available");
        all.Contains(target.Email!, StringComparison.OrdinalIgnoreCase).ShouldBe(role >= Role.Supervisor, $"{role} and e-mails");
        all.Contains($"\"{target.ExternalId}\"", StringComparison.Ordinal).ShouldBe(role >= Role.Supervisor, $"{role} and external ids");
    }

    [Theory]
    [MemberData(nameof(Demo))]
    public async Task Only_a_Manager_switches_the_embedded_simulators_faults(string userName, Role role)
    {
        // An app of its own: the key refused, even for a moment, pauses the app's polling.
        await using var factory = new DashboardFactory();
        await factory.StartAndWaitForFirstSnapshotAsync();
        using var http = await factory.CreateSignedInClientAsync(userName, userName + AccountSeeder.DemoPasswordSuffix);
        var simulator = factory.Services.GetRequiredService<Iadvize.Simulator.SimulatedPlatform>();

        using var put = await http.PutAsJsonAsync(new Uri("/simulator/faults", UriKind.Relative), new { rejectKey = true }, Token);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["rejectKey"] = "on" });
        using var post = await http.PostAsync(new Uri("/simulator/admin", UriKind.Relative), form, Token);

        simulator.Faults.RejectKey.ShouldBe(role == Role.Manager);
        if (role != Role.Manager)
        {
            put.Headers.Location!.ToString().ShouldContain("/denied");
            post.Headers.Location!.ToString().ShouldContain("/denied");
        }
    }

    [Fact]
    public async Task Without_a_sign_in_the_simulators_controls_are_closed_and_its_api_refuses_the_published_key()
    {
        using var anonymous = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var simulator = _factory.Services.GetRequiredService<Iadvize.Simulator.SimulatedPlatform>();
        var someone = _factory.Services.GetRequiredService<AvailabilityStore>().Current.Operators.First(o => o.Connected).Id;

        using var faults = await anonymous.PutAsJsonAsync(new Uri("/simulator/faults", UriKind.Relative), new { rejectKey = true }, Token);
        using var admin = await anonymous.GetAsync(new Uri("/simulator/admin", UriKind.Relative), Token);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/simulator/api/2/operator/{someone}/live", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["connected"] = "0" }),
        };
        request.Headers.Add("X-API-Key", new Iadvize.Simulator.SimulatorOptions().ApiKey);
        using var disconnect = await anonymous.SendAsync(request, Token);

        faults.Headers.Location!.ToString().ShouldContain("/login");
        admin.Headers.Location!.ToString().ShouldContain("/login");
        simulator.Faults.RejectKey.ShouldBeFalse();
        simulator.ApiKey.ShouldNotBe(new Iadvize.Simulator.SimulatorOptions().ApiKey, "the embedded simulator's key is made at start");
        (await disconnect.Content.ReadAsStringAsync(Token)).ShouldContain("Forbidden");
        simulator.GetLive(someone)!.Connected.ShouldBeTrue("a refused key changes nothing");
    }

    [Theory]
    [MemberData(nameof(Demo))]
    public async Task Only_a_Manager_manages_accounts(string userName, Role role)
    {
        // A Manager account of this case's own to disable and reset, and a new name of its own, whatever ran before.
        var accounts = new TestAccounts(_factory.Services);
        var (targetName, targetPassword, newcomer) = ($"target-of-{userName}", "target-password", $"newcomer-of-{userName}");
        await accounts.Seeding.EnsureAsync(targetName, targetPassword, Role.Manager, Token);
        var signedIn = await _factory.SignedInPrincipalAsync(userName, userName + AccountSeeder.DemoPasswordSuffix);
        var target = (await accounts.Administration.ListAsync(Token)).Single(a => a.UserName == targetName);

        var created = await accounts.Administration.CreateAsync(signedIn, newcomer, "newcomer-password", Role.Manager, Token);
        var disabled = await accounts.Administration.SetDisabledAsync(signedIn, target.Id, true, Token);
        var reset = await accounts.Administration.ResetPasswordAsync(signedIn, target.Id, "taken-over-password", Token);

        created.Succeeded.ShouldBe(role == Role.Manager);
        disabled.Succeeded.ShouldBe(role == Role.Manager);
        reset.Succeeded.ShouldBe(role == Role.Manager);
        (await accounts.SignIns.CheckAsync(targetName, targetPassword, Token)).Succeeded.ShouldBe(role != Role.Manager);
        (await accounts.Administration.ListAsync(Token)).Any(a => a.UserName == newcomer).ShouldBe(role == Role.Manager);
        var recorded = (await accounts.Administration.RecentEventsAsync(10, Token)).Where(e => e.Actor == userName).ToList();
        recorded.Count.ShouldBe(3, "every attempt is recorded, refused or not");
        recorded.ShouldAllBe(e => e.Succeeded == (role == Role.Manager));
    }
}
