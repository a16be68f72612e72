namespace Dashboard.Audit;

public static class AuditExtensions
{
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
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
            var filter = AuditFilter.FromQuery(http.Request.Query);
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
            await AuditCsv.WriteAsync(http.Response.Body, log.StreamAsync(filter, http.RequestAborted), http.RequestAborted);
        }).RequireAuthorization(Dashboard.Auth.AuthExtensions.ManagerPolicy);
        return app;
    }
}
