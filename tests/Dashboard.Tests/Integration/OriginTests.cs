using System.Net;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Tests.Integration;

/// <summary>
/// A page of another origin (another port, a sibling subdomain: same site, so the Lax cookie goes along) must not use a
/// signed-in person's session through the hub or a Blazor circuit.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class OriginTests : IAsyncLifetime
{
    private const string AllowedOrigin = "https://wall.example.com:8443";

    private readonly DashboardFactory _factory = new() { Settings = { ["Security:AllowedOrigins:0"] = AllowedOrigin } };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _factory.StartAndWaitForFirstSnapshotAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("/hubs/availability/negotiate?negotiateVersion=1")]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    public async Task A_negotiation_from_another_origin_is_refused_with_403_and_no_echo(string path)
    {
        using var manager = await _factory.CreateSignedInClientAsync();

        using var evil = await NegotiateAsync(manager, path, "http://localhost:8081");
        using var opaque = await NegotiateAsync(manager, path, "null");

        evil.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        opaque.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await evil.Content.ReadAsStringAsync(Token)).ShouldNotContain("8081");
    }

    [Theory]
    [InlineData("/hubs/availability/negotiate?negotiateVersion=1", "http://localhost")]
    [InlineData("/hubs/availability/negotiate?negotiateVersion=1", "HTTP://LOCALHOST:80")]
    [InlineData("/hubs/availability/negotiate?negotiateVersion=1", AllowedOrigin)]
    [InlineData("/hubs/availability/negotiate?negotiateVersion=1", null)]
    [InlineData("/_blazor/negotiate?negotiateVersion=1", "http://localhost")]
    [InlineData("/_blazor/negotiate?negotiateVersion=1", AllowedOrigin)]
    public async Task The_apps_own_origin_a_configured_one_and_no_origin_at_all_negotiate(string path, string? origin)
    {
        using var manager = await _factory.CreateSignedInClientAsync();

        using var answer = await NegotiateAsync(manager, path, origin);

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_hub_web_socket_from_another_origin_with_a_Managers_cookie_is_refused()
    {
        await using var hub = _factory.CreateHubConnection(webSockets: true, origin: "http://evil.example");

        await Should.ThrowAsync<Exception>(() => hub.StartAsync(Token));

        hub.State.ShouldBe(HubConnectionState.Disconnected);
    }

    [Fact]
    public async Task A_hub_web_socket_from_the_apps_own_origin_connects()
    {
        await using var hub = _factory.CreateHubConnection(webSockets: true, origin: "http://localhost");

        await hub.StartAsync(Token);

        hub.State.ShouldBe(HubConnectionState.Connected);
    }

    private static async Task<HttpResponseMessage> NegotiateAsync(HttpClient client, string path, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await client.SendAsync(request, Token);
    }
}
