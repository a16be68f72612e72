using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Commands;

public static class CommandsExtensions
{
    public static IHostApplicationBuilder AddCommands(this IHostApplicationBuilder builder)
    {
        // Scaled out, AddScaleOut has registered the Redis locks already.
        builder.Services.TryAddSingleton<IOperatorLocks, LocalOperatorLocks>();
        builder.Services.AddSingleton<IAvailabilityCommands, AvailabilityCommands>();
        builder.Services.AddSingleton<BulkAvailability>();
        return builder;
    }
}
