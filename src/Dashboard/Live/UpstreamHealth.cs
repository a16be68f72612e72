namespace Dashboard.Live;

/// <summary>How the upstream has been answering: shown to people as the freshness indicator and the stale banner.</summary>
public sealed record UpstreamHealth(DateTimeOffset? LastSuccessAt, DateTimeOffset? LastAttemptAt, int ConsecutiveFailures, string? LastError)
{
    public static readonly UpstreamHealth Unknown = new(null, null, 0, null);

    /// <summary>Stale after two missed live intervals, or before any data arrived.</summary>
    public bool IsStale(DateTimeOffset now, TimeSpan liveInterval) =>
        LastSuccessAt is not { } last || now - last > 2 * liveInterval;
}
