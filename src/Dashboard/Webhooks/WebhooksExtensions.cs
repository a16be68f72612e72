using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Webhooks;

public static class WebhooksExtensions
{
    public const string Path = "/webhooks/iadvize";

    /// <summary>
    /// The webhook receiver and the queue that reads back the operators it names. The embedded simulator sends its own
    /// webhooks here (see <see cref="Upstream.UpstreamExtensions.AddUpstream"/>).
    /// </summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<DeliveryDeduplicator>();
        // Scaled out, AddScaleOut has registered the Redis memory already.
        builder.Services.TryAddSingleton<IDeliveryMemory>(provider => provider.GetRequiredService<DeliveryDeduplicator>());
        builder.Services.AddSingleton<OperatorRefreshQueue>();
        // Scaled out, AddScaleOut has registered the replication, which sends followers' reads to the polling instance.
        builder.Services.TryAddSingleton<IOperatorRefresher>(provider => provider.GetRequiredService<OperatorRefreshQueue>());
        builder.Services.AddHostedService(provider => provider.GetRequiredService<OperatorRefreshQueue>());
        builder.Services.AddSingleton<WebhookTally>();
        builder.Services.AddSingleton<WebhookReceiver>();
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
}
