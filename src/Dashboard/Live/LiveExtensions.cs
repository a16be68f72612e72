using Microsoft.Extensions.Options;

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

        // Amber and red for the headline figures, on every page that shows them.
        builder.Services.AddOptions<ThresholdOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                foreach (var setting in configuration.GetSection(ThresholdSet.SectionName).GetChildren())
                {
                    if (setting.Value is { } value)
                    {
                        options.Values[setting.Key] = value;
                    }
                }
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ThresholdOptions>, ThresholdOptionsValidator>();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<ThresholdOptions>>().Value.ToSet());
        return builder;
    }
}
