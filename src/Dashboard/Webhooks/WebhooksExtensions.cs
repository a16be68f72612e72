using Dashboard.Upstream;
using Iadvize.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Dashboard.Webhooks;

public static class WebhooksExtensions
{
    public const string Path = "/webhooks/iadvize";

    /// <summary>
    /// The webhook receiver and the queue that reads back the operators it names. When the dashboard serves the embedded
    /// simulator and <c>Webhooks:Secret</c> is set, the simulator sends its webhooks here, signed with that secret, unless
    /// <c>Simulator:Webhooks:Url</c> / <c>Simulator:Webhooks:Secret</c> say otherwise: configuration alone turns it on.
    /// </summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<DeliveryDeduplicator>();
        builder.Services.AddSingleton<OperatorRefreshQueue>();
        builder.Services.AddSingleton<IOperatorRefresher>(provider => provider.GetRequiredService<OperatorRefreshQueue>());
        builder.Services.AddHostedService(provider => provider.GetRequiredService<OperatorRefreshQueue>());
        builder.Services.AddSingleton<WebhookReceiver>();

        // Harmless without the embedded simulator: nothing reads these then.
        builder.Services.AddOptions<SimulatorOptions>()
            .PostConfigure<IOptions<WebhookOptions>>((simulator, webhooks) => simulator.Webhooks.Secret ??= webhooks.Value.Secret);
        builder.Services.AddSingleton<ISimulatorWebhookTarget>(provider => new EmbeddedWebhookTarget(
            new EmbeddedSimulatorAddress(provider.GetRequiredService<IServer>()), provider.GetRequiredService<IOptions<WebhookOptions>>()));
        return builder;
    }

    public static WebApplication MapWebhooks(this WebApplication app)
    {
        // The signature is the authentication: iAdvize has no user session and sends no antiforgery token.
        app.MapPost(Path, (HttpRequest request, WebhookReceiver receiver, CancellationToken cancellationToken) =>
                receiver.HandleAsync(request, cancellationToken))
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>This app's own receiver, resolved once the server listens (the embedded simulator's target).</summary>
    private sealed class EmbeddedWebhookTarget(EmbeddedSimulatorAddress address, IOptions<WebhookOptions> options) : ISimulatorWebhookTarget
    {
        public Uri? Resolve() => options.Value.IsEnabled ? new Uri(address.Resolve(), Path) : null;
    }
}
