namespace Dashboard.Polling;

/// <summary>
/// Whether this instance is the one that reads the upstream. The upstream's request budget is the whole account's, so
/// scaled out (<see cref="ScaleOut.RedisPollingLease"/>) exactly one instance holds the lease and the others mirror it;
/// alone (<see cref="SingleInstanceLease"/>) it is always held.
/// </summary>
public interface IPollingLease
{
    /// <summary>True while this instance holds the lease.</summary>
    bool IsHeld { get; }

    /// <summary>Waits until this instance holds the lease; answers a token that is cancelled the moment it is lost.</summary>
    Task<CancellationToken> WaitForTurnAsync(CancellationToken cancellationToken);
}

/// <summary>One instance: it always polls.</summary>
public sealed class SingleInstanceLease : IPollingLease
{
    public bool IsHeld => true;

    public Task<CancellationToken> WaitForTurnAsync(CancellationToken cancellationToken) => Task.FromResult(CancellationToken.None);
}
