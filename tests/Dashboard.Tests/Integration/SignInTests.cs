using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Tests.Integration;

[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed class SignInTests : IAsyncLifetime
{
    private const string WebhookSecret = "webhook-secret-that-must-stay-on-the-server";

    private readonly DashboardFactory _factory = new() { Settings = { ["Webhooks:Secret"] = WebhookSecret } };

    public async ValueTask InitializeAsync() => await _factory.StartAndWaitForFirstSnapshotAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_request_without_sign_in_is_sent_to_the_login_page()
    {
        using var http = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var answer = await http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.ToString().ShouldContain("/login");
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_five_lock_the_account()
    {
        using var http = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var wrong = await DashboardFactory.PostLoginAsync(http, DashboardFactory.AdminUserName, "not-it");
        (await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("Wrong user name or password.");
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            using var _ = await DashboardFactory.PostLoginAsync(http, DashboardFactory.AdminUserName, "not-it");
        }

        using var right = await DashboardFactory.PostLoginAsync(http, DashboardFactory.AdminUserName, DashboardFactory.AdminPassword);
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("locked");
    }

    [Fact]
    public async Task Signing_in_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        using var http = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var back = await DashboardFactory.PostLoginAsync(http, "manager", "manager-demo", "?ReturnUrl=%2Faudit");
        using var elsewhere = await DashboardFactory.PostLoginAsync(http, "manager", "manager-demo", "?ReturnUrl=%2F%2Fevil.example%2F");
        // A browser strips the tab and reads "//evil.example".
        using var disguised = await DashboardFactory.PostLoginAsync(http, "manager", "manager-demo", "?ReturnUrl=%2F%09%2Fevil.example%2F");

        back.Headers.Location!.ToString().ShouldEndWith("/audit");
        elsewhere.Headers.Location!.ToString().ShouldNotContain("evil");
        disguised.Headers.Location!.ToString().ShouldNotContain("evil");
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_same_site_lax()
    {
        using var http = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using var answer = await DashboardFactory.PostLoginAsync(http, "viewer", "viewer-demo");

        var cookie = answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
    }

    [Fact]
    public async Task The_audit_log_is_refused_to_a_Supervisor()
    {
        using var http = await _factory.CreateSignedInClientAsync("supervisor", "supervisor-demo");

        using var answer = await http.GetAsync(new Uri("/audit", UriKind.Relative), TestContext.Current.CancellationToken);
        using var export = await http.GetAsync(new Uri("/audit/export.csv", UriKind.Relative), TestContext.Current.CancellationToken);

        answer.Headers.Location!.ToString().ShouldContain("/denied");
        export.Headers.Location!.ToString().ShouldContain("/denied");
    }

    [Fact]
    public async Task A_Viewer_calling_the_hub_directly_is_refused_and_the_refusal_is_audited()
    {
        var target = _factory.Services.GetRequiredService<Dashboard.Live.AvailabilityStore>().Current.Operators.First(o => o.Connected);
        await using var hub = _factory.CreateHubConnection("viewer", "viewer-demo");
        await hub.StartAsync(TestContext.Current.CancellationToken);

        var result = await hub.InvokeAsync<Dashboard.Commands.CommandResult>("SetChannelAvailability", target.Id, "chat", false, TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        var log = _factory.Services.GetRequiredService<Dashboard.Audit.AuditLog>();
        var page = await log.GetPageAsync(new Dashboard.Audit.AuditFilter(User: "viewer"), 1, TestContext.Current.CancellationToken);
        var entry = page.Entries.ShouldHaveSingleItem();
        entry.Outcome.ShouldBe(Dashboard.Audit.AuditOutcome.Refused);
        entry.Via.ShouldBe(Dashboard.Audit.CommandActor.Hub);
        entry.OperatorId.ShouldBe(target.Id);
    }

    [Fact]
    public async Task A_hub_connection_without_sign_in_is_refused()
    {
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_factory.Server.BaseAddress, "hubs/availability"), options =>
            {
                options.HttpMessageHandlerFactory = _ => _factory.Server.CreateHandler();
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            })
            .Build();

        await Should.ThrowAsync<HttpRequestException>(() => hub.StartAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_api_key_and_webhook_secret_never_reach_the_pages_or_the_export()
    {
        using var anonymous = _factory.CreateClient();
        using var manager = await _factory.CreateSignedInClientAsync();
        var secrets = new[] { _factory.Services.GetRequiredService<Iadvize.Simulator.SimulatedPlatform>().ApiKey, WebhookSecret };

        var pages = new[]
        {
            await anonymous.GetStringAsync(new Uri("/login", UriKind.Relative), TestContext.Current.CancellationToken),
            await manager.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken),
            await manager.GetStringAsync(new Uri("/audit", UriKind.Relative), TestContext.Current.CancellationToken),
            await manager.GetStringAsync(new Uri("/accounts", UriKind.Relative), TestContext.Current.CancellationToken),
            await manager.GetStringAsync(new Uri($"/operators/{_factory.Services.GetRequiredService<Dashboard.Live.AvailabilityStore>().Current.Operators[0].Id}", UriKind.Relative), TestContext.Current.CancellationToken),
            await manager.GetStringAsync(new Uri("/export/operators.csv", UriKind.Relative), TestContext.Current.CancellationToken),
            await manager.GetStringAsync(new Uri("/denied", UriKind.Relative), TestContext.Current.CancellationToken),
        };

        foreach (var html in pages)
        {
            foreach (var secret in secrets)
            {
                html.ShouldNotContain(secret);
            }
        }
    }
}
