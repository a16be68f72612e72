using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Tests.Integration;

/// <summary>Accounts managed by a Manager, sign-out, and what happens to a sign-in whose account changes.</summary>
[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed partial class AccountsTests : IAsyncLifetime
{
    private const string WebhookSecret = "webhook-secret-that-must-stay-on-the-server";

    private readonly DashboardFactory _factory = new()
    {
        Settings = { ["Webhooks:Secret"] = WebhookSecret, ["Auth:RevalidationInterval"] = "00:00:01" },
    };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _factory.StartAndWaitForFirstSnapshotAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private TestAccounts Accounts => new(_factory.Services);

    /// <summary>The bootstrap Manager as the account service sees a fresh sign-in of it.</summary>
    private Task<System.Security.Claims.ClaimsPrincipal> AdminAsync() => _factory.SignedInPrincipalAsync();

    private async Task<int> IdOfAsync(string userName) => (await Accounts.Administration.ListAsync(Token)).Single(a => a.UserName == userName).Id;

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var http = await _factory.CreateSignedInClientAsync("viewer", "viewer-demo");
        var page = await http.GetStringAsync(new Uri("/", UriKind.Relative), Token);
        var token = AntiforgeryField().Match(page);
        token.Success.ShouldBeTrue("the sign-out form carries an antiforgery token");

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { [token.Groups[1].Value] = WebUtility.HtmlDecode(token.Groups[2].Value) });
        using var signedOut = await http.PostAsync(new Uri("/logout", UriKind.Relative), content, Token);
        using var after = await http.GetAsync(new Uri("/", UriKind.Relative), Token);

        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.ToString().ShouldBe("/login");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/login");
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused()
    {
        using var http = await _factory.CreateSignedInClientAsync("viewer", "viewer-demo");

        using var forged = await http.PostAsync(new Uri("/logout", UriKind.Relative), new FormUrlEncodedContent([]), Token);
        using var after = await http.GetAsync(new Uri("/", UriKind.Relative), Token);

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_disabled_account_is_signed_out_at_its_next_request()
    {
        using var http = await _factory.CreateSignedInClientAsync("supervisor", "supervisor-demo");
        (await http.GetAsync(new Uri("/", UriKind.Relative), Token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Accounts.Administration.SetDisabledAsync(await AdminAsync(), await IdOfAsync("supervisor"), true, Token)).Succeeded.ShouldBeTrue();
        using var after = await http.GetAsync(new Uri("/", UriKind.Relative), Token);

        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/login");
        (await DashboardFactory.PostLoginAsync(http, "supervisor", "supervisor-demo")).StatusCode.ShouldBe(HttpStatusCode.OK, "a disabled account stays on the sign-in page");
    }

    [Fact]
    public async Task A_WebSocket_hub_reader_whose_account_is_disabled_is_cut_off_within_the_revalidation_interval()
    {
        await using var hub = _factory.CreateHubConnection("viewer", "viewer-demo", webSockets: true);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync(Token);
        // No fixed wait: two other readers whose accounts are disabled, one after the other, are cut off. The second
        // joined after the first was cut off, so after a check of the connections that had begun (a check reads the
        // connections as they are when it starts): that check was over, and this reader went through it.
        await ReaderOfADisabledAccountIsCutOffAsync("supervisor");
        await ReaderOfADisabledAccountIsCutOffAsync("manager");
        hub.State.ShouldBe(HubConnectionState.Connected, "an unchanged account stays connected");

        (await Accounts.Administration.SetDisabledAsync(await AdminAsync(), await IdOfAsync("viewer"), true, Token)).Succeeded.ShouldBeTrue();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        _factory.Services.GetRequiredService<Dashboard.Realtime.HubSessions>().Count.ShouldBe(0);
    }

    private async Task ReaderOfADisabledAccountIsCutOffAsync(string userName)
    {
        await using var hub = _factory.CreateHubConnection(userName, userName + AccountSeeder.DemoPasswordSuffix, webSockets: true);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync(Token);

        (await Accounts.Administration.SetDisabledAsync(await AdminAsync(), await IdOfAsync(userName), true, Token)).Succeeded.ShouldBeTrue();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
    }

    [Fact]
    public async Task The_accounts_page_is_for_Managers_only()
    {
        using var manager = await _factory.CreateSignedInClientAsync();
        using var supervisor = await _factory.CreateSignedInClientAsync("supervisor", "supervisor-demo");

        var page = await manager.GetStringAsync(new Uri("/accounts", UriKind.Relative), Token);
        using var refused = await supervisor.GetAsync(new Uri("/accounts", UriKind.Relative), Token);

        page.ShouldContain("data-username=\"viewer\"");
        page.ShouldNotContain("PasswordHash", Case.Insensitive);
        page.ShouldNotContain("AQAAAA", Case.Sensitive, "no password hash reaches the page");
        refused.Headers.Location!.ToString().ShouldContain("/denied");
    }

    [Fact]
    public async Task The_api_key_and_webhook_secret_never_reach_a_hub_message_or_a_script()
    {
        var secrets = new[] { _factory.Services.GetRequiredService<Iadvize.Simulator.SimulatedPlatform>().ApiKey, WebhookSecret };
        var messages = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var hub = _factory.CreateHubConnection();
        foreach (var method in new[] { "Snapshot", "Changes", "Health" })
        {
            hub.On<JsonElement>(method, message => messages.Enqueue(message.GetRawText()));
        }

        await hub.StartAsync(Token);
        var simulator = _factory.Services.GetRequiredService<Iadvize.Simulator.SimulatedPlatform>();
        var target = _factory.Services.GetRequiredService<Dashboard.Live.AvailabilityStore>().Current.Operators.First(o => o.Connected);
        simulator.Disconnect(target.Id);
        messages.Enqueue((await hub.InvokeAsync<JsonElement>("GetSnapshot", Token)).GetRawText());
        messages.Enqueue((await hub.InvokeAsync<JsonElement>("GetChangesSince", 0L, Token)).GetRawText());
        messages.Enqueue((await hub.InvokeAsync<JsonElement>("Disconnect", target.Id, Token)).GetRawText());
        await Eventually.TrueAsync(
            () => messages.Any(m => m.Contains($"\"id\":{target.Id},", StringComparison.Ordinal) && m.Contains("\"connected\":false", StringComparison.OrdinalIgnoreCase)),
            $"a hub message showing operator {target.Id} disconnected",
            TimeSpan.FromSeconds(10));

        // Every script the dashboard's page loads, as a browser would fetch it.
        using var http = await _factory.CreateSignedInClientAsync();
        var page = await http.GetStringAsync(new Uri("/", UriKind.Relative), Token);
        var scripts = new List<string>();
        foreach (Match script in ScriptSource().Matches(page))
        {
            scripts.Add(await http.GetStringAsync(new Uri(WebUtility.HtmlDecode(script.Groups[1].Value), UriKind.RelativeOrAbsolute), Token));
        }

        scripts.Count.ShouldBeGreaterThanOrEqualTo(2, "blazor.web.js and MudBlazor's script at least");
        // grid-actions.js is short (under 1,000 characters); an empty answer or a stray page is what this rules out.
        scripts.ShouldAllBe(script => script.Length > 200 && !script.TrimStart().StartsWith('<'), "the scripts were served, not empty");

        messages.Count.ShouldBeGreaterThan(3);
        foreach (var text in messages.Concat(scripts))
        {
            foreach (var secret in secrets)
            {
                text.ShouldNotContain(secret);
            }
        }
    }

    [GeneratedRegex("<script[^>]* src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken)\" value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();
}

/// <summary>
/// A hub connection whose account changes while it is open, on an app that checks its hub connections at the default
/// interval (30 s): what must refuse is the check each poll or command makes itself, not the periodic check, which
/// closes the connection without an error. In AccountsTests, which checks every second, the two raced.
/// </summary>
[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed class HubAccountChangeTests : IAsyncLifetime
{
    private readonly SharedDashboard _app = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _app.InitializeAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_Manager_demoted_while_connected_to_the_hub_can_no_longer_change_availability_and_the_refusal_is_audited()
    {
        var target = _app.Factory.Services.GetRequiredService<Dashboard.Live.AvailabilityStore>().Current.Operators.First(o => o.Connected);
        // Over a WebSocket, as from a browser: one request at the start, so no cookie check runs again after it.
        await using var hub = _app.Factory.CreateHubConnection("manager", "manager-demo", webSockets: true);
        await hub.StartAsync(Token);

        var accounts = new TestAccounts(_app.Factory.Services).Administration;
        var manager = (await accounts.ListAsync(Token)).Single(a => a.UserName == "manager").Id;
        (await accounts.ChangeRoleAsync(await _app.Factory.SignedInPrincipalAsync(), manager, Role.Viewer, Token)).Succeeded.ShouldBeTrue();
        var result = await hub.InvokeAsync<Dashboard.Commands.CommandResult>("SetChannelAvailability", target.Id, "chat", false, Token);

        result.Succeeded.ShouldBeFalse();
        result.Message.ShouldContain("sign in again");
        var log = _app.Factory.Services.GetRequiredService<Dashboard.Audit.AuditLog>();
        var entry = (await log.GetPageAsync(new Dashboard.Audit.AuditFilter(User: "manager"), 1, Token)).Entries.ShouldHaveSingleItem();
        entry.Outcome.ShouldBe(Dashboard.Audit.AuditOutcome.Refused);
        _app.Factory.Services.GetRequiredService<Iadvize.Simulator.SimulatedPlatform>().Requests
            .ShouldNotContain(r => r.Method == "PUT", "a refused change sends nothing upstream");
    }

    [Fact]
    public async Task A_long_polling_hub_connection_of_a_disabled_account_is_closed_at_its_next_poll()
    {
        await using var hub = _app.Factory.CreateHubConnection("viewer", "viewer-demo");
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await hub.StartAsync(Token);
        var accounts = new TestAccounts(_app.Factory.Services).Administration;
        var viewer = (await accounts.ListAsync(Token)).Single(a => a.UserName == "viewer").Id;

        (await accounts.SetDisabledAsync(await _app.Factory.SignedInPrincipalAsync(), viewer, true, Token)).Succeeded.ShouldBeTrue();

        var error = await closed.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        error.ShouldBeOfType<HttpRequestException>().StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
