using System.Globalization;
using System.Threading.RateLimiting;
using Dashboard.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Dashboard.Security;

/// <summary>
/// ASP.NET Core's rate limiter on sign-in posts, the only requests that cost a password hash (tens of milliseconds of
/// CPU on purpose): per client address, so that one source cannot spray passwords across many names, and overall, so
/// that a flood from many addresses hashes a few passwords at a time and leaves the CPU to the pages, the hub and
/// <c>/health/live</c>. The rest is answered 429 with Retry-After at once. The account lockout is separate, and unchanged.
/// </summary>
internal static class SignInThrottle
{
    private const string Overall = "sign-in";

    public static void Configure(RateLimiterOptions limiter, SecurityOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignIn(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("")),
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignIn(context.Request)
                ? RateLimitPartition.GetConcurrencyLimiter(
                    Overall,
                    _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = options.ConcurrentSignIns,
                        QueueLimit = options.ConcurrentSignIns * QueuedPerCheck,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    })
                : RateLimitPartition.GetNoLimiter("")));
        limiter.OnRejected = RejectAsync;
    }

    // A few waiting per check running: a short wait is kinder than a refusal, a long queue would only delay the 429.
    private const int QueuedPerCheck = 4;

    private static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments(AuthExtensions.LoginPath, StringComparison.OrdinalIgnoreCase);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        // The per-address window says when it opens again; the overall limit frees up within a hash or two.
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var response = rejected.HttpContext.Response;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(
            string.Create(CultureInfo.InvariantCulture, $"Too many sign-in attempts just now. Wait {seconds} s, then try again."),
            cancellationToken);
    }
}
