namespace Dashboard.Polling;

public static class PollingExtensions
{
    public static IHostApplicationBuilder AddPolling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PollingOptions>()
            .BindConfiguration(PollingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<PollCycle>();
        builder.Services.AddHostedService<LivePoller>();
        return builder;
    }
}
