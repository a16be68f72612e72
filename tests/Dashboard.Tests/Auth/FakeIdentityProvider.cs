using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dashboard.Tests.Auth;

/// <summary>
/// An OpenID Connect provider: discovery document, signing keys and a token endpoint that checks the code, the client
/// and PKCE, and answers a signed ID token. In memory, the test plays the person at the provider's sign-in page by
/// handing out a code for the claims it chooses; on a loopback port (for a real browser), its authorization endpoint
/// signs in <see cref="Person"/> at once and posts the code back to the app as a real provider does.
/// </summary>
internal sealed class FakeIdentityProvider : IAsyncDisposable
{
    /// <summary>The in-memory provider's issuer (its requests never leave the process).</summary>
    public const string InMemoryAuthority = "https://idp.test";

    public const string ClientId = "dashboard";

    public const string ClientSecret = "client-secret-for-tests";

    private readonly ConcurrentDictionary<string, Grant> _grants = new();
    private readonly WebApplication _app;

    private FakeIdentityProvider(WebApplication app, string authority)
    {
        _app = app;
        Authority = authority;
    }

    /// <summary>The issuer: <see cref="InMemoryAuthority"/>, or <c>http://127.0.0.1:{port}</c> on loopback.</summary>
    public string Authority { get; private set; }

    /// <summary>On loopback: the claims of whoever the authorization endpoint signs in.</summary>
    public IReadOnlyDictionary<string, object> Person { get; set; } = new Dictionary<string, object>();

    /// <summary>The key ID tokens are signed with; a test may swap it for one the discovery document does not publish.</summary>
    public RsaSecurityKey SigningKey { get; set; } = NewKey("published");

    /// <summary>While true, the discovery document answers 503, as a provider that is down.</summary>
    public bool Down { get; set; }

    public HttpMessageHandler Handler => _app.GetTestServer().CreateHandler();

    public static RsaSecurityKey NewKey(string id) => new(RSA.Create(2048)) { KeyId = id };

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        var provider = new FakeIdentityProvider(app, InMemoryAuthority);
        provider.Map();
        await app.StartAsync();
        return provider;
    }

    /// <summary>On a free loopback port, for a real browser to be sent to.</summary>
    public static async Task<FakeIdentityProvider> StartOnLoopbackAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var provider = new FakeIdentityProvider(app, "");
        provider.Map();
        await app.StartAsync();
        provider.Authority = app.Urls.Single().TrimEnd('/');
        return provider;
    }

    /// <summary>What the provider's sign-in page would do once the person has signed in: a one-time code for these claims.</summary>
    public string IssueCode(string nonce, string codeChallenge, IReadOnlyDictionary<string, object> claims)
    {
        var code = Guid.NewGuid().ToString("N");
        _grants[code] = new Grant(nonce, codeChallenge, claims);
        return code;
    }

    private void Map()
    {
        var published = SigningKey;
        // What a provider's sign-in page does once the person is in: posts the code back (response_mode=form_post).
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query;
            var code = IssueCode(query["nonce"].ToString(), query["code_challenge"].ToString(), Person);
            var html = $"""
                <!doctype html><html><body onload="document.forms[0].submit()">
                <form method="post" action="{System.Net.WebUtility.HtmlEncode(query["redirect_uri"])}">
                <input type="hidden" name="code" value="{code}">
                <input type="hidden" name="state" value="{System.Net.WebUtility.HtmlEncode(query["state"])}">
                </form></body></html>
                """;
            return Results.Content(html, "text/html");
        });
        _app.MapGet("/.well-known/openid-configuration", () => Down ? Results.StatusCode(503) : Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["token_endpoint"] = $"{Authority}/token",
            ["jwks_uri"] = $"{Authority}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var parameters = published.Rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = published.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                },
            });
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            if (!_grants.TryRemove(form["code"].ToString(), out var grant)
                || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.CodeChallenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            var claims = new Dictionary<string, object>(grant.Claims) { ["nonce"] = grant.Nonce };
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Authority,
                Audience = ClientId,
                Claims = claims,
                IssuedAt = DateTime.UtcNow,
                NotBefore = DateTime.UtcNow.AddMinutes(-1),
                Expires = DateTime.UtcNow.AddMinutes(5),
                SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { access_token = "not-used", token_type = "Bearer", expires_in = 300, id_token = idToken });
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record Grant(string Nonce, string CodeChallenge, IReadOnlyDictionary<string, object> Claims);
}
