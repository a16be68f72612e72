namespace Iadvize.Simulator;

/// <summary>
/// Webhooks the simulator sends, signed like iAdvize's, on every change of an operator's state (configuration section
/// <c>Simulator:Webhooks</c>). Off unless both a target and a secret are known.
/// </summary>
public sealed class SimulatorWebhookOptions
{
    /// <summary>
    /// Absolute http(s) URL the events are POSTed to. Unset, the host may supply one (<see cref="ISimulatorWebhookTarget"/>);
    /// otherwise no webhook is sent.
    /// </summary>
    public Uri? Url { get; set; }

    /// <summary>Key of the <c>x-iadvize-signature: sha256=...</c> HMAC of each body. Required for sending.</summary>
    public string? Secret { get; set; }

    /// <summary>Deliveries waiting to be sent (and, separately, waiting for a retry) at most; beyond it the oldest is dropped and counted.</summary>
    public int QueueCapacity { get; set; } = 1_000;

    /// <summary>Time allowed for one delivery attempt before it counts as failed and is retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    internal IEnumerable<string> Validate()
    {
        if (Url is not null && (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return "Simulator:Webhooks:Url must be an absolute http(s) URL such as http://127.0.0.1:5080/webhooks/iadvize.";
        }

        if (Url is not null && string.IsNullOrEmpty(Secret))
        {
            yield return "Simulator:Webhooks:Secret is required when Simulator:Webhooks:Url is set.";
        }

        if (QueueCapacity is < 1 or > 1_000_000)
        {
            yield return "Simulator:Webhooks:QueueCapacity must be between 1 and 1,000,000.";
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
        {
            yield return "Simulator:Webhooks:Timeout must be between 0 (excluded) and 5 minutes.";
        }
    }
}

/// <summary>
/// Where the simulator sends its webhooks when <see cref="SimulatorWebhookOptions.Url"/> is not set. A host that serves both
/// the simulator and a receiver registers one, because its own address is known only once its server listens.
/// </summary>
public interface ISimulatorWebhookTarget
{
    /// <summary>The receiver's absolute URL, or null when there is none to send to.</summary>
    Uri? Resolve();
}
