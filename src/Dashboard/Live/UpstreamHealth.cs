namespace Dashboard.Live;

/// <summary>How the upstream has been answering: shown to people as the freshness indicator and the stale banner.</summary>
/// <param name="LastSuccessAt">When the upstream last answered a whole poll.</param>
/// <param name="LastAttemptAt">When the poller last tried.</param>
/// <param name="ConsecutiveFailures">Failed polls since the last success.</param>
/// <param name="LastError">What went wrong, in plain words; null after a success.</param>
/// <param name="NextAttemptAt">When polling resumes, if it is backing off (HTTP 429).</param>
/// <param name="KeyRejected">The API key was refused: polling waits for new configuration or a person's retry.</param>
/// <param name="Cadence">How often polls really happen when the request budget makes them rarer than the live interval.</param>
/// <param name="Behind">
/// Scaled out, this instance missed some of the polling instance's change sets: what it shows may be wrong until the
/// next full snapshot arrives, so it shows stale whatever the times say.
/// </param>
public sealed record UpstreamHealth(
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastAttemptAt,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? NextAttemptAt = null,
    bool KeyRejected = false,
    TimeSpan? Cadence = null,
    bool Behind = false)
{
    public static readonly UpstreamHealth Unknown = new(null, null, 0, null);

    /// <summary>Stale when behind the polling instance, after two missed polls (at the live interval, or the slower cadence the budget allows), or before any data arrived.</summary>
    public bool IsStale(DateTimeOffset now, TimeSpan liveInterval) =>
        Behind
        || LastSuccessAt is not { } last || now - last > 2 * (Cadence is { } cadence && cadence > liveInterval ? cadence : liveInterval);
}
