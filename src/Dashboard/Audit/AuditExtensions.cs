namespace Dashboard.Audit;

public static class AuditExtensions
{
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AuditOptions>, AuditTimeoutValidation>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<IAuditTrail>(services => services.GetRequiredService<AuditTrail>());
        builder.Services.AddSingleton<AuditLog>();
        // After AddStorage's migrator, so that the table exists when pending entries are reconciled.
        builder.Services.AddHostedService<AuditReconciler>();
        builder.Services.AddHostedService<AuditRetention>();
        return builder;
    }

    public static WebApplication MapAudit(this WebApplication app)
    {
        app.MapGet("/audit/export.csv", async (HttpContext http, AuditLog log) =>
        {
            // A file is read later and elsewhere, where a filter quietly left out would go unnoticed: say so instead.
            if (AuditFilter.ProblemsIn(http.Request.Query, quoteValues: false) is { Count: > 0 } problems)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync($"The audit export's filter is not understood: {string.Join(" ", problems)}", http.RequestAborted);
                return;
            }

            var filter = AuditFilter.FromQuery(http.Request.Query);
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
            await AuditCsv.WriteAsync(http.Response.Body, log.StreamAsync(filter, http.RequestAborted), http.RequestAborted);
        }).RequireAuthorization(Dashboard.Auth.AuthExtensions.ManagerPolicy);
        return app;
    }
}
