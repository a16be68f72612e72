using Dashboard.Polling;
using Iadvize.Client;
using Iadvize.Simulator;

namespace Dashboard.Upstream;

public static class UpstreamExtensions
{
    /// <summary>The iAdvize client, pointed at the configured API, or at the embedded simulator when none is configured.</summary>
    public static IHostApplicationBuilder AddUpstream(this IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection(IadvizeOptions.SectionName).Get<IadvizeOptions>() ?? new IadvizeOptions();
        var budget = (builder.Configuration.GetSection(PollingOptions.SectionName).Get<PollingOptions>() ?? new PollingOptions()).MaxRequestsPerMinute;
        if (!configured.UsesSimulator)
        {
            builder.Services.AddSingleton(new UpstreamMode(false, $"iAdvize API at {configured.BaseUrl}"));
            builder.Services.AddIadvizeClient(budget);
            return builder;
        }

        builder.Services.AddSingleton(new UpstreamMode(true, "Simulated data: no iAdvize API key is configured"));
        builder.Services.AddIadvizeSimulator();
        builder.Services.AddSingleton<EmbeddedSimulatorAddress>();
        builder.Services.AddIadvizeClient(budget, provider =>
            (provider.GetRequiredService<EmbeddedSimulatorAddress>().Resolve(), provider.GetRequiredService<SimulatedPlatform>().ApiKey));
        return builder;
    }

    public static WebApplication MapUpstream(this WebApplication app)
    {
        if (app.Services.GetRequiredService<UpstreamMode>().IsSimulated)
        {
            app.MapIadvizeSimulator(EmbeddedSimulatorAddress.PathPrefix);
        }

        return app;
    }
}
