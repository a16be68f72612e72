namespace Dashboard.Webhooks;

/// <summary>What this instance's webhook deliveries came to since start, as the status page shows them.</summary>
/// <param name="Received">Every delivery posted (with a secret configured), whatever became of it.</param>
/// <param name="Accepted">Deliveries that queued an operator's read.</param>
/// <param name="Duplicates">Repeats of a delivery already received, here or, scaled out, on another instance.</param>
/// <param name="Rejected">Deliveries refused: too large, unsigned, badly signed or malformed.</param>
public sealed record WebhookCounts(long Received, long Accepted, long Duplicates, long Rejected)
{
    public static readonly WebhookCounts None = new(0, 0, 0, 0);

    public WebhookCounts Plus(WebhookCounts other) =>
        new(Received + other.Received, Accepted + other.Accepted, Duplicates + other.Duplicates, Rejected + other.Rejected);
}

/// <summary>Counts the outcomes of <see cref="WebhookReceiver"/>; safe from any thread.</summary>
public sealed class WebhookTally
{
    private long _received;
    private long _accepted;
    private long _duplicates;
    private long _rejected;

    public void Count(WebhookOutcome outcome)
    {
        if (outcome == WebhookOutcome.Disabled)
        {
            // No endpoint: nothing was delivered to the dashboard.
            return;
        }

        Interlocked.Increment(ref _received);
        switch (outcome)
        {
            case WebhookOutcome.Accepted:
                Interlocked.Increment(ref _accepted);
                break;
            case WebhookOutcome.Duplicate:
                Interlocked.Increment(ref _duplicates);
                break;
            case WebhookOutcome.TooLarge or WebhookOutcome.NotSigned or WebhookOutcome.BadSignature or WebhookOutcome.Malformed:
                Interlocked.Increment(ref _rejected);
                break;
        }
    }

    public WebhookCounts Now => new(Interlocked.Read(ref _received), Interlocked.Read(ref _accepted), Interlocked.Read(ref _duplicates), Interlocked.Read(ref _rejected));
}
