using System.Globalization;
using Dashboard.Auth;
using Dashboard.Live;

namespace Dashboard.Operators;

/// <summary>What a Supervisor may see beyond the dashboard: one operator's details, and the dashboard as a CSV file.</summary>
public static class OperatorsExtensions
{
    /// <summary>The export of what <c>/</c> shows; takes the same query-string filters.</summary>
    public const string ExportPath = "/export/operators.csv";

    public static IHostApplicationBuilder AddOperators(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IOperatorLookup, OperatorLookup>();
        return builder;
    }

    public static WebApplication MapOperators(this WebApplication app)
    {
        app.MapGet(ExportPath, async (HttpContext http, AvailabilityStore store, TimeProvider time) =>
        {
            var query = http.Request.Query;
            var filter = ViewFilter.Parse(query["q"], query["group"], query["channel"], query["state"], query["skill"], query["website"]);
            // One snapshot for the whole file: every row, and the name, describe the same moment.
            var snapshot = store.Current;
            var at = (snapshot.TakenAt ?? time.GetUtcNow()).UtcDateTime;
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"operators-{at.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv\"";
            await OperatorsCsv.WriteAsync(http.Response.Body, snapshot, filter, http.RequestAborted);
        }).RequireAuthorization(AuthExtensions.SupervisorPolicy);
        return app;
    }
}
