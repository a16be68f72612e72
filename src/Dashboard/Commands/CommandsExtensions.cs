namespace Dashboard.Commands;

public static class CommandsExtensions
{
    public static IHostApplicationBuilder AddCommands(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAvailabilityCommands, AvailabilityCommands>();
        builder.Services.AddSingleton<BulkAvailability>();
        return builder;
    }
}
