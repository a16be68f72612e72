namespace Dashboard.Live;

public static class LiveExtensions
{
    public static IHostApplicationBuilder AddLive(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AvailabilityStore>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
