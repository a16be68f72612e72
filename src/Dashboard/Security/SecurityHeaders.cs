namespace Dashboard.Security;

/// <summary>
/// The headers every response carries (NetEscapades.AspNetCore.SecurityHeaders), the embedded simulator's pages included.
/// </summary>
internal static class SecurityHeaders
{
    // A year: the usual value, and what browsers' preload lists ask for.
    private const int HstsMaxAgeSeconds = 365 * 24 * 60 * 60;

    public static HeaderPolicyCollection Policies() => new HeaderPolicyCollection()
        .AddContentTypeOptionsNoSniff()
        // Filter values (names, e-mails) travel in the query string: no other origin sees the address.
        .AddReferrerPolicySameOrigin()
        .AddFrameOptionsSameOrigin()
        // Sent over HTTPS only (the library skips plain HTTP, where a browser ignores it anyway).
        .AddStrictTransportSecurityMaxAge(HstsMaxAgeSeconds)
        .RemoveServerHeader()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            csp.AddFormAction().Self();
            csp.AddFrameAncestors().Self();
            // blazor.web.js and MudBlazor's script are files; the one inline script, Blazor's import map, carries the
            // request's nonce (App.razor).
            csp.AddScriptSrc().Self().WithNonce();
            // MudBlazor sets style attributes on its components, and the simulator's page has a style element.
            csp.AddStyleSrc().Self().UnsafeInline();
            csp.AddImgSrc().Self().Data();
            csp.AddFontSrc().Self().Data();
            // The circuit's and the hub's WebSockets go to this origin.
            csp.AddConnectSrc().Self();
        });
}
