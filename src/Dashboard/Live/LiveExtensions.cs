namespace Dashboard.Live;

public static class LiveExtensions
{
    public static IHostApplicationBuilder AddLive(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TimeInStateOptions>()
            .BindConfiguration(TimeInStateOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<TimeInStateFile>();
        builder.Services.AddSingleton(services => new AvailabilityStore(services.GetRequiredService<TimeInStateFile>().Read()));
        builder.Services.AddHostedService<TimeInStateWriter>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
