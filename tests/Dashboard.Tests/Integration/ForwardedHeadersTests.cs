using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Integration;

/// <summary>Behind a TLS-terminating proxy, with ASP.NET Core's forwarded-headers switch on, as the README says.</summary>
[Trait("Kind", "Integration")]
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new() { Settings = { ["FORWARDEDHEADERS_ENABLED"] = "true" } };

    public ValueTask InitializeAsync()
    {
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_sign_in_through_an_https_proxy_gets_a_secure_cookie()
    {
        var http = _factory.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(), new ProxyHeaders());
        using var _ = http;

        using var answer = await DashboardFactory.PostLoginAsync(http, "viewer", "viewer-demo");

        var cookie = answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal));
        cookie.ShouldContain("secure", Case.Insensitive);
    }

    // What the proxy adds to every request it passes on.
    private sealed class ProxyHeaders : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
