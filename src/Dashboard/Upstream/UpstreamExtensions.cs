using Dashboard.Polling;
using Dashboard.Webhooks;
using Iadvize.Client;
using Iadvize.Simulator;
using Microsoft.Extensions.Options;

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

        // With Webhooks:Secret set, the simulator sends its webhooks to this app's receiver, signed with that secret, unless
        // Simulator:Webhooks:Url / Simulator:Webhooks:Secret say otherwise: configuration alone turns it on.
        builder.Services.AddOptions<SimulatorOptions>()
            .PostConfigure<IOptions<WebhookOptions>>((simulator, webhooks) => simulator.Webhooks.Secret ??= webhooks.Value.Secret);
        builder.Services.AddSingleton<ISimulatorWebhookTarget>(provider => new EmbeddedWebhookTarget(
            provider.GetRequiredService<EmbeddedSimulatorAddress>(), provider.GetRequiredService<IOptions<WebhookOptions>>()));
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

    /// <summary>This app's own receiver, resolved once the server listens (the embedded simulator's webhook target).</summary>
    private sealed class EmbeddedWebhookTarget(EmbeddedSimulatorAddress address, IOptions<WebhookOptions> options) : ISimulatorWebhookTarget
    {
        public Uri? Resolve() => options.Value.IsEnabled ? new Uri(address.Resolve(), WebhooksExtensions.Path) : null;
    }
}
