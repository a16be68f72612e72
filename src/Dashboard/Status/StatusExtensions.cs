using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Status;

public static class StatusExtensions
{
    /// <summary>
    /// The figures of the operations page (<c>/status</c>): this instance's, and scaled out every instance's, which
    /// <see cref="ScaleOut.ScaleOutExtensions.AddScaleOut"/> registers before this (Redis).
    /// </summary>
    public static IHostApplicationBuilder AddStatus(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CircuitCounter>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitCounter.Tracker>());
        builder.Services.AddSingleton<UpstreamErrors>();
        builder.Services.AddHostedService(services => services.GetRequiredService<UpstreamErrors>());
        builder.Services.AddSingleton<InstanceFigures>();
        builder.Services.TryAddSingleton<IInstanceReports, LocalInstanceReports>();
        return builder;
    }
}
