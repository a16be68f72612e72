using Dashboard.Realtime;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>
/// Refuses (403) a request to the hub or to Blazor's circuit that a browser sent from a page of another origin. The
/// sign-in cookie is SameSite=Lax, which keeps other sites out but not other origins of the same site (another port, a
/// sibling subdomain), and WebSockets are not bound by CORS: the Origin header is what tells them apart. A request
/// without one comes from no browser page (the .NET SignalR client, a script), carries no borrowed sign-in, and passes.
/// </summary>
internal sealed class OriginCheck(RequestDelegate next, IOptionsMonitor<SecurityOptions> options)
{
    /// <summary>The paths whose connections act with the visitor's sign-in: the hub, and Blazor's circuit.</summary>
    public static readonly PathString[] Guarded = [RealtimeExtensions.HubPath, "/_blazor"];

    public const string RefusedMessage =
        "This page's origin may not connect to the dashboard. Open the dashboard itself, or add the origin to Security__AllowedOrigins.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (Guarded.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase))
            && context.Request.Headers.Origin is { Count: > 0 } origin
            && !IsAllowed(origin.ToString(), context.Request, options.CurrentValue))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            // The origin is not echoed: what a request sends is not written back into a response.
            await context.Response.WriteAsync(RefusedMessage, context.RequestAborted);
            return;
        }

        await next(context);
    }

    /// <summary>Whether <paramref name="origin"/> is the request's own origin or one the configuration allows.</summary>
    public static bool IsAllowed(string origin, HttpRequest request, SecurityOptions options)
    {
        if (Parse(origin) is not { } sent)
        {
            // "null" (a sandboxed frame, a file) and anything malformed.
            return false;
        }

        return Uri.TryCreate($"{request.Scheme}://{request.Host}", UriKind.Absolute, out var own) && Same(sent, own)
            || options.AllowedOrigins.Select(Parse).Any(allowed => allowed is not null && Same(sent, allowed));
    }

    /// <summary>An origin (scheme http or https, host, port; no path, query or user), or null when the text is not one.</summary>
    public static Uri? Parse(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? uri
            : null;

    // Scheme and host compare without case (Uri lower-cases both); a default port is the same as none.
    private static bool Same(Uri a, Uri b) =>
        a.Scheme == b.Scheme && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
