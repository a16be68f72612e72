using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Iadvize.Simulator.Api;

/// <summary>
/// Answers API requests with the faults switched on in <see cref="SimulatedPlatform.Faults"/>. A faulted request is
/// answered before its endpoint runs, so it never changes the simulated state.
/// </summary>
internal static class FaultInjection
{
    public static async ValueTask<object?> Apply(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var platform = http.RequestServices.GetRequiredService<SimulatedPlatform>();
        var faults = platform.Faults;
        if (!faults.IsActive)
        {
            return await next(context);
        }

        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        try
        {
            if (faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(faults.Latency, time, http.RequestAborted);
            }

            if (faults.RejectKey)
            {
                return Wire.Forbidden();
            }

            switch (platform.NextFault(faults))
            {
                case FaultKind.ServerError:
                    return Wire.Error(StatusCodes.Status500InternalServerError, "Internal Server Error");
                case FaultKind.BadGateway:
                    // What a load balancer in front of the API answers: HTML, not the API's envelope.
                    return Html(StatusCodes.Status502BadGateway, "502 Bad Gateway");
                case FaultKind.ServiceUnavailable:
                    return Html(StatusCodes.Status503ServiceUnavailable, "503 Service Temporarily Unavailable");
                case FaultKind.RateLimited:
                    var seconds = (long)Math.Ceiling(faults.RetryAfter.TotalSeconds);
                    http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                    return Wire.Error(StatusCodes.Status429TooManyRequests, "Too Many Requests");
                case FaultKind.Hang:
                    await Task.Delay(faults.Hang, time, http.RequestAborted);
                    return Html(StatusCodes.Status504GatewayTimeout, "504 Gateway Time-out");
                case FaultKind.HtmlBody:
                    // Claims JSON, delivers a maintenance page: clients must not trust the content type.
                    return Results.Text("<html><head><title>Maintenance</title></head><body>We will be back soon.</body></html>", "application/json", statusCode: StatusCodes.Status200OK);
                case FaultKind.TruncatedJson:
                    return Results.Text("{\"meta\":{\"status\":\"success\"},\"data\":[{\"id\":104", "application/json", statusCode: StatusCodes.Status200OK);
                case FaultKind.None:
                default:
                    return await next(context);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client gave up: nobody is left to answer.
            return Results.Empty;
        }
    }

    private static IResult Html(int statusCode, string title) =>
        Results.Text($"<html><head><title>{title}</title></head><body><center><h1>{title}</h1></center></body></html>", "text/html", statusCode: statusCode);
}
