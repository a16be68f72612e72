namespace Dashboard.Demand;

public static class DemandExtensions
{
    /// <summary>Today's demand per channel (<c>GET /statistic</c>), read on a slow period and pushed to open pages.</summary>
    public static IHostApplicationBuilder AddDemand(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemandOptions>()
            .BindConfiguration(DemandOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<DemandStore>();
        builder.Services.AddSingleton<DemandReader>();
        builder.Services.AddHostedService<DemandPoller>();
        return builder;
    }
}
