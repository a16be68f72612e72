using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Iadvize.Simulator.Api;

/// <summary>
/// The simulator's own controls, outside the fake API: <c>GET</c>/<c>PUT {prefix}/faults</c> (JSON) and a plain HTML
/// page at <c>{prefix}/admin</c> to switch faults by hand. Faults never apply here, so a broken API can always be repaired.
/// </summary>
internal static class ControlEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder control)
    {
        control.MapGet("/faults", (SimulatedPlatform platform) => Results.Json(platform.Faults, Json));
        control.MapPut("/faults", PutFaults);
        control.MapGet("/admin", (HttpContext http, SimulatedPlatform platform, IAntiforgery antiforgery) =>
            Page(platform.Faults, errors: [], StatusCodes.Status200OK, antiforgery.GetAndStoreTokens(http)));
        control.MapPost("/admin", PostAdmin);
    }

    private static async Task<IResult> PutFaults(HttpRequest request, SimulatedPlatform platform)
    {
        SimulatorFaults? faults;
        try
        {
            faults = await JsonSerializer.DeserializeAsync<SimulatorFaults>(request.Body, Json, request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            // Where, not what: the parser's message quotes the body, and a response does not echo what it was sent.
            return Results.Problem(
                string.Create(CultureInfo.InvariantCulture, $"Not readable at {ex.Path ?? "$"} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})."),
                statusCode: StatusCodes.Status400BadRequest,
                title: "The body is not a faults object.");
        }

        if (faults is null)
        {
            return Results.Problem("Send a JSON object such as {\"errorRate\":0.1}.", statusCode: StatusCodes.Status400BadRequest);
        }

        var errors = faults.Validate();
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["faults"] = [.. errors] });
        }

        platform.Faults = faults;
        return Results.Json(faults, Json);
    }

    /// <summary>Why a form post without a valid antiforgery token changed nothing.</summary>
    public const string StaleFormMessage =
        "The form was not sent by this page (it is too old, or another site sent it): nothing changed. Reload the page and try again.";

    private static async Task<IResult> PostAdmin(HttpRequest request, SimulatedPlatform platform, IAntiforgery antiforgery)
    {
        // Checked like every other form: a page of another origin of the same site would otherwise post it with a
        // Manager's cookie and pause everyone's polling.
        if (!await antiforgery.IsRequestValidAsync(request.HttpContext))
        {
            return Page(platform.Faults, [StaleFormMessage], StatusCodes.Status400BadRequest, antiforgery.GetAndStoreTokens(request.HttpContext));
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (form["action"] == "clear")
        {
            platform.Faults = SimulatorFaults.None;
            return SeeOther(request);
        }

        var errors = new List<string>();
        var faults = new SimulatorFaults
        {
            Latency = TimeSpan.FromMilliseconds(Number(form, "latencyMs", errors)),
            ErrorRate = Number(form, "errorPercent", errors) / 100,
            RateLimitRate = Number(form, "rateLimitPercent", errors) / 100,
            RetryAfter = TimeSpan.FromSeconds(Number(form, "retryAfterSeconds", errors)),
            TimeoutRate = Number(form, "timeoutPercent", errors) / 100,
            Hang = TimeSpan.FromSeconds(Number(form, "hangSeconds", errors)),
            MalformedRate = Number(form, "malformedPercent", errors) / 100,
            RejectKey = form["rejectKey"] == "on",
        };
        if (errors.Count == 0)
        {
            errors.AddRange(faults.Validate());
        }

        if (errors.Count > 0)
        {
            return Page(faults, errors, StatusCodes.Status400BadRequest, antiforgery.GetAndStoreTokens(request.HttpContext));
        }

        platform.Faults = faults;
        return SeeOther(request);
    }

    // Post/redirect/get: a reload of the page does not post the form again.
    private static IResult SeeOther(HttpRequest request)
    {
        request.HttpContext.Response.Headers.Location = (request.PathBase + request.Path).Value;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static double Number(IFormCollection form, string name, List<string> errors)
    {
        var text = form[name].ToString();
        if (text.Length == 0)
        {
            return 0;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add($"{name} is not a number.");
        return 0;
    }

    private static IResult Page(SimulatorFaults faults, IReadOnlyList<string> errors, int statusCode, AntiforgeryTokenSet tokens)
    {
        static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
        static string Field(string name, string label, string value, string unit) =>
            $"""<p><label for="{name}">{label}</label> <input type="number" id="{name}" name="{name}" value="{value}" min="0" step="any"> {unit}</p>""";

        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>iAdvize simulator: faults</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto}label{display:inline-block;min-width:14rem}.errors{color:#b00020}</style>
            </head>
            <body>
            <h1>iAdvize simulator: faults</h1>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<p>Current state: <strong>{(faults.IsActive && errors.Count == 0 ? "faults on" : errors.Count > 0 ? "not applied" : "no faults")}</strong>. Faults apply to the API only, never to this page.</p>");
        if (errors.Count > 0)
        {
            html.Append("<ul class=\"errors\" role=\"alert\">");
            foreach (var error in errors)
            {
                html.Append("<li>").Append(WebUtility.HtmlEncode(error)).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<form method=\"post\">")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(tokens.FormFieldName)}\" value=\"{WebUtility.HtmlEncode(tokens.RequestToken)}\">")
            .Append(Field("latencyMs", "Added latency", Format(faults.Latency.TotalMilliseconds), "ms"))
            .Append(Field("errorPercent", "Server errors (5xx)", Format(faults.ErrorRate * 100), "% of requests"))
            .Append(Field("rateLimitPercent", "Too many requests (429)", Format(faults.RateLimitRate * 100), "% of requests"))
            .Append(Field("retryAfterSeconds", "Retry-After", Format(faults.RetryAfter.TotalSeconds), "s"))
            .Append(Field("timeoutPercent", "Hanging requests", Format(faults.TimeoutRate * 100), "% of requests"))
            .Append(Field("hangSeconds", "Hang for", Format(faults.Hang.TotalSeconds), "s (at most 60)"))
            .Append(Field("malformedPercent", "Malformed bodies", Format(faults.MalformedRate * 100), "% of requests"))
            .Append(CultureInfo.InvariantCulture, $"""<p><label for="rejectKey">Reject the API key (Forbidden)</label> <input type="checkbox" id="rejectKey" name="rejectKey"{(faults.RejectKey ? " checked" : "")}></p>""")
            .Append("""<p><button type="submit" name="action" value="apply">Apply</button> <button type="submit" name="action" value="clear">Clear all faults</button></p>""")
            .Append("</form></body></html>");
        return Results.Text(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
