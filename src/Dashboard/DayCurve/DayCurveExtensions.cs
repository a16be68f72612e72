namespace Dashboard.DayCurve;

public static class DayCurveExtensions
{
    /// <summary>The day's curve: capacity sampled every minute into the database, kept for <c>Samples:Retention</c>.</summary>
    public static IHostApplicationBuilder AddDayCurve(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SampleOptions>()
            .BindConfiguration(SampleOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SampleStore>();
        builder.Services.AddSingleton<DayCurveStore>();
        // After AddStorage's migrator, so that the table exists when today's samples are read back.
        builder.Services.AddHostedService<DaySampler>();
        builder.Services.AddHostedService<SampleRetention>();
        return builder;
    }
}
