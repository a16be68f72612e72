namespace Dashboard.Realtime;

public static class RealtimeExtensions
{
    public const string HubPath = "/hubs/availability";

    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddHostedService<HubBroadcaster>();
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapHub<AvailabilityHub>(HubPath).RequireAuthorization();
        return app;
    }
}
