using Dashboard.Live;
using Iadvize.Client;
using Microsoft.Extensions.Options;

namespace Dashboard.Polling;

/// <summary>
/// One round of reading the upstream: the roster when it is due, then every page of the live state, published to the
/// store. A failure is recorded as upstream health and leaves the last good picture in place.
/// </summary>
public sealed class PollCycle(
    IServiceScopeFactory scopes,
    AvailabilityStore store,
    TimeProvider time,
    IOptions<PollingOptions> options,
    ILogger<PollCycle> logger)
{
    private Roster _roster = Roster.Empty;
    private DateTimeOffset? _rosterLoadedAt;

    public Roster Roster => Volatile.Read(ref _roster);

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IadvizeClient>();

        if (_rosterLoadedAt is not { } loadedAt || time.GetUtcNow() - loadedAt >= options.Value.RosterInterval)
        {
            if (!await RefreshRosterAsync(client, cancellationToken))
            {
                return;
            }
        }

        var live = await client.GetAllLiveAsync(includeOffline: true, filter: null, cancellationToken);
        if (!live.IsSuccess || live.Value is null)
        {
            Fail("live state", live);
            return;
        }

        var changeSet = store.PublishSnapshot(SnapshotBuilder.Build(live.Value, Roster), time.GetUtcNow());
        if (changeSet is not null)
        {
            logger.LogDebug("Live poll: {Count} operators changed (sequence {Sequence}).", changeSet.Changes.Count, changeSet.Sequence);
        }
    }

    private async Task<bool> RefreshRosterAsync(IadvizeClient client, CancellationToken cancellationToken)
    {
        var operators = await client.GetAllOperatorsAsync(filter: null, cancellationToken);
        if (!operators.IsSuccess || operators.Value is null)
        {
            Fail("roster", operators);
            // Without a roster the live state still means something: names fall back to ids. Only the first load blocks.
            return _rosterLoadedAt is not null;
        }

        var groups = await client.GetAllGroupsAsync(cancellationToken);
        if (!groups.IsSuccess)
        {
            logger.LogWarning("Group names could not be read ({Error}); groups show as ids.", groups.Message);
        }

        Volatile.Write(ref _roster, new Roster(operators.Value, groups.Value ?? []));
        _rosterLoadedAt = time.GetUtcNow();
        logger.LogInformation("Roster loaded: {Operators} operators, {Groups} groups.", operators.Value.Count, groups.Value?.Count ?? 0);
        return true;
    }

    private void Fail<T>(string what, ApiResult<T> result)
    {
        var message = $"Reading the {what} failed: {result.Message}";
        logger.LogWarning("{Message} ({Outcome})", message, result.Outcome);
        store.ReportFailure(message, time.GetUtcNow());
    }
}
