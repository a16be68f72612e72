using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Tests.Integration;

[Trait("Kind", "Integration")]
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _factory.StartAndWaitForFirstSnapshotAsync();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("/login")]
    [InlineData("/")]
    [InlineData("/simulator/admin")]
    [InlineData("/simulator/faults")]
    [InlineData("/health/live")]
    [InlineData("/metrics")]
    [InlineData("/assets/app.css")]
    [InlineData("/no-such-page")]
    public async Task Every_response_forbids_sniffing_other_origins_referrers_and_framing_by_other_origins(string path)
    {
        using var manager = await _factory.CreateSignedInClientAsync();

        using var answer = await manager.GetAsync(new Uri(path, UriKind.Relative), Token);

        answer.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        answer.Headers.GetValues("Referrer-Policy").ShouldBe(["same-origin"]);
        answer.Headers.GetValues("X-Frame-Options").ShouldBe(["SAMEORIGIN"]);
        answer.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldContain("frame-ancestors 'self'");
    }

    [Fact]
    public async Task HSTS_is_sent_over_https_and_not_over_http_nor_to_this_machine()
    {
        using var https = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://dashboard.example/"), AllowAutoRedirect = false });
        using var http = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://dashboard.example/"), AllowAutoRedirect = false });
        using var local = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });

        using var secure = await https.GetAsync(new Uri("/login", UriKind.Relative), Token);
        using var plain = await http.GetAsync(new Uri("/login", UriKind.Relative), Token);
        using var developer = await local.GetAsync(new Uri("/login", UriKind.Relative), Token);

        secure.Headers.GetValues("Strict-Transport-Security").ShouldHaveSingleItem().ShouldStartWith("max-age=31536000");
        plain.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        developer.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/")]
    public async Task The_pages_only_inline_script_carries_the_nonce_the_policy_allows(string path)
    {
        using var manager = await _factory.CreateSignedInClientAsync();

        using var answer = await manager.GetAsync(new Uri(path, UriKind.Relative), Token);
        var html = await answer.Content.ReadAsStringAsync(Token);

        var policy = answer.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldContain("script-src 'self' 'nonce-");
        policy.ShouldNotContain("unsafe-eval");
        var nonce = Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        var inline = Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>").Select(m => m.Value).ToList();
        inline.ShouldNotBeEmpty();
        // The attribute is HTML-encoded ("+" may be written "&#x2B;"); the browser decodes it before comparing.
        inline.ShouldAllBe(tag => System.Net.WebUtility.HtmlDecode(tag).Contains($"nonce=\"{nonce}\""));
    }

    [Fact]
    public async Task Error_answers_do_not_echo_what_they_were_sent()
    {
        const string Probe = "<svg onload=alert(1)>";
        using var manager = await _factory.CreateSignedInClientAsync();
        await using var hub = _factory.CreateHubConnection();
        await hub.StartAsync(Token);

        var channel = await hub.InvokeAsync<Dashboard.Commands.CommandResult>("SetChannelAvailability", 1, Probe, false, Token);
        using var export = await manager.GetAsync(new Uri($"/audit/export.csv?channel={Uri.EscapeDataString(Probe)}", UriKind.Relative), Token);
        using var faults = await manager.PutAsync(new Uri("/simulator/faults", UriKind.Relative), new StringContent(Probe, System.Text.Encoding.UTF8, "application/json"), Token);

        channel.Succeeded.ShouldBeFalse();
        channel.Message.ShouldNotContain("svg");
        export.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await export.Content.ReadAsStringAsync(Token)).ShouldNotContain("svg");
        faults.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // JSON writes '<' as \u003C: the parser's own message would quote the body's first character.
        (await faults.Content.ReadAsStringAsync(Token)).ShouldNotContain("\\u003C", Case.Insensitive);
    }
}
