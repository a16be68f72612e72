using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Realtime;

public static class RealtimeExtensions
{
    public const string HubPath = "/hubs/availability";

    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR(hub => hub.AddFilter<HubCommandLimit>());
        builder.Services.AddSingleton<HubCommandLimit>();
        builder.Services.AddSingleton<Dashboard.Audit.OverLimitRefusals>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Dashboard.Audit.OverLimitRefusals>());
        builder.Services.AddHostedService<HubBroadcaster>();
        builder.Services.AddSingleton<HubSessions>();
        builder.Services.AddHostedService<HubSessionSweeper>();
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapHub<AvailabilityHub>(HubPath).RequireAuthorization();
        return app;
    }
}
