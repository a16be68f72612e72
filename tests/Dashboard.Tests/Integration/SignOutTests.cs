using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Tests.Integration;

/// <summary>A cookie copied before sign-out (from a shared machine, by malware) must be worth nothing after it.</summary>
[Trait("Database", "Postgres")]
[Trait("Kind", "Integration")]
public sealed class SignOutTests : IAsyncLifetime
{
    // Long, so that only the sign-out itself can close what was open (the periodic check would take this long).
    private readonly DashboardFactory _factory = new() { Settings = { ["Auth:RevalidationInterval"] = "00:10:00" } };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _factory.StartAndWaitForFirstSnapshotAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_cookie_saved_before_signing_out_no_longer_opens_the_dashboard_or_the_hub()
    {
        var saved = _factory.SignInCookie();
        using var http = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        (await GetHomeAsync(http, saved)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var signedOut = await FormPost.SubmitAsync(http, "/", new Dictionary<string, string>(), Token, postTo: "/logout", cookie: saved);

        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.ToString().ShouldBe("/login");
        using var replayed = await GetHomeAsync(http, saved);
        replayed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replayed.Headers.Location!.ToString().ShouldContain("/login");
        await using var hub = _factory.CreateHubConnectionWith(saved);
        await Should.ThrowAsync<HttpRequestException>(() => hub.StartAsync(Token));
    }

    // A web socket is one request at its start: the server must close it when the sign-in ends.
    [Fact]
    public async Task Signing_out_closes_the_open_hub_connections_of_that_sign_in_at_once_and_only_those()
    {
        var signedOut = _factory.SignInCookie();
        var other = _factory.SignInCookie();
        await using var ended = _factory.CreateHubConnectionWith(signedOut, webSockets: true);
        await using var kept = _factory.CreateHubConnectionWith(other, webSockets: true);
        await ended.StartAsync(Token);
        await kept.StartAsync(Token);
        var closed = new TaskCompletionSource();
        ended.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        using var http = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var answer = await FormPost.SubmitAsync(http, "/", new Dictionary<string, string>(), Token, postTo: "/logout", cookie: signedOut);

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(1.5), Token);
        kept.State.ShouldBe(HubConnectionState.Connected);
        (await GetHomeAsync(http, other)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> GetHomeAsync(HttpClient http, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await http.SendAsync(request, Token);
    }
}
