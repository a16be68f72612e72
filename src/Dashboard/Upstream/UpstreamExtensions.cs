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
        if (string.IsNullOrEmpty(builder.Configuration[$"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.ApiKey)}"]))
        {
            // The default key is in the source: anyone who can reach the app could use the fake API with it, around the
            // dashboard's roles and audit. Only this process needs to know the embedded simulator's key.
            var key = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            builder.Services.Configure<SimulatorOptions>(options => options.ApiKey = key);
        }

        builder.Services.AddSingleton<EmbeddedSimulatorAddress>();
        builder.Services.AddIadvizeClient(budget, provider =>
            (provider.GetRequiredService<EmbeddedSimulatorAddress>().Resolve(), provider.GetRequiredService<SimulatedPlatform>().ApiKey));
        return builder;
    }

    public static WebApplication MapUpstream(this WebApplication app)
    {
        if (app.Services.GetRequiredService<UpstreamMode>().IsSimulated)
        {
            // Faults and key rejection change what every user sees: a Manager's switch, like availability.
            app.MapIadvizeSimulator(
                EmbeddedSimulatorAddress.PathPrefix,
                secureControls: controls => controls.RequireAuthorization(Dashboard.Auth.AuthExtensions.ManagerPolicy));
        }

        return app;
    }
}
