using Dashboard.Live;
using Iadvize.Client;
using Microsoft.Extensions.Options;

namespace Dashboard.Polling;

/// <summary>
/// One round of reading the upstream: the roster when it is due, then every page of the live state (offline operators
/// included, plus any configured group or skill scopes), published to the store. A failure is recorded as upstream
/// health and leaves the last good picture in place. A 429 pauses polling for its Retry-After; a rejected key pauses it
/// until the configuration changes or someone asks to <see cref="Resume"/>.
/// </summary>
public sealed class PollCycle
{
    /// <summary>Operators read one by one per cycle at most: a roster that lags far behind must not eat the live poll's budget.</summary>
    public const int MaxOneByOneReadsPerCycle = 10;

    private static readonly TimeSpan DefaultBackOff = TimeSpan.FromSeconds(60);

    private readonly IServiceScopeFactory _scopes;
    private readonly AvailabilityStore _store;
    private readonly TimeProvider _time;
    private readonly PollingOptions _options;
    private readonly RequestBudget _budget;
    // The webhook reads' own share of the budget (PollingOptions.RefreshShare).
    private readonly RequestBudget _refreshShare;
    private int _refreshesInFlight;
    private DateTimeOffset? _lastPollAt;
    private readonly ILogger<PollCycle> _logger;
    private readonly Dictionary<int, OperatorDetails?> _readOneByOne = [];
    private readonly IReadOnlyList<OperatorFilter?> _scopesToPoll;
    private Roster _roster = Roster.Empty;
    private DateTimeOffset? _rosterLoadedAt;
    private DateTimeOffset? _pausedUntil;
    private bool _keyRejected;
    private int _lastLiveRequests = 1;
    private int _lastRosterRequests = 4;

    public PollCycle(
        IServiceScopeFactory scopes,
        AvailabilityStore store,
        TimeProvider time,
        IOptions<PollingOptions> options,
        ILogger<PollCycle> logger,
        RequestBudget budget)
    {
        _scopes = scopes;
        _store = store;
        _time = time;
        _options = options.Value;
        _budget = budget;
        _refreshShare = new RequestBudget(_options.RefreshShare, time);
        _logger = logger;
        _scopesToPoll =
        [
            null,
            .. _options.GroupScopes.Select(id => new OperatorFilter(GroupId: id)),
            .. _options.SkillScopes.Select(id => new OperatorFilter(SkillId: id)),
        ];
    }

    public Roster Roster => Volatile.Read(ref _roster);

    /// <summary>
    /// The roster the polling instance read (scaled out, on a follower): names for the filter menus and details for the
    /// details page. Taking over the polling later reads a roster of its own at once, as at start.
    /// </summary>
    public void Adopt(Roster roster) => Volatile.Write(ref _roster, roster);

    /// <summary>Requests the last live poll cost: what a bulk change leaves free so the poll is not starved.</summary>
    public int LiveRequestsPerCycle => Volatile.Read(ref _lastLiveRequests);

    /// <summary>Ends a pause (rejected key or back-off) so that the next tick polls again.</summary>
    public void Resume()
    {
        _keyRejected = false;
        _pausedUntil = null;
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_keyRejected || (_pausedUntil is { } until && now < until))
        {
            return;
        }

        var rosterDue = _rosterLoadedAt is not { } loadedAt || now - loadedAt >= _options.RosterInterval;
        if (!BudgetAllows(_lastLiveRequests + (rosterDue ? _lastRosterRequests : 0)))
        {
            return;
        }

        using var scope = _scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IadvizeClient>();

        if (rosterDue && !await RefreshRosterAsync(client, cancellationToken))
        {
            return;
        }

        var readStartedAt = _time.GetUtcNow();
        _lastPollAt = readStartedAt;
        var live = new Dictionary<int, OperatorLive>();
        var requestsBefore = _budget.Remaining;
        foreach (var filter in _scopesToPoll)
        {
            var result = await client.GetAllLiveAsync(includeOffline: true, filter, cancellationToken);
            if (!result.IsSuccess || result.Value is null)
            {
                Fail("live state", result);
                return;
            }

            foreach (var item in result.Value)
            {
                // The same operator can come back from several scopes; the answers are of the same moment.
                live.TryAdd(item.Id, item);
            }
        }

        _lastLiveRequests = Math.Max(1, requestsBefore - _budget.Remaining);

        await ReadUnknownOperatorsAsync(client, live.Keys, cancellationToken);
        var changeSet = _store.PublishSnapshot(SnapshotBuilder.Build([.. live.Values], Roster), _time.GetUtcNow(), Cadence(), readStartedAt);
        if (changeSet is not null)
        {
            _logger.LogDebug("Live poll: {Count} operators changed (sequence {Sequence}).", changeSet.Changes.Count, changeSet.Sequence);
        }
    }

    /// <summary>
    /// Reads one operator's live state now (<c>GET /operator/{id}/live</c>), because something said it changed, and
    /// publishes it. Answers false when it did not: polling is paused, the budget has no room beyond the next live poll and
    /// the commands' reserve, the operator is unknown to both the store and the roster (the poll reads those once), or the
    /// upstream failed. Such a failure is logged but not reported as upstream health: the poll owns that.
    /// </summary>
    public async Task<bool> RefreshOperatorAsync(int operatorId, CancellationToken cancellationToken)
    {
        var health = _store.Health;
        if (health.KeyRejected || (health.NextAttemptAt is { } until && _time.GetUtcNow() < until))
        {
            return false;
        }

        var roster = Roster;
        var known = _store.Current.Find(operatorId);
        if (known is null && !roster.Operators.ContainsKey(operatorId))
        {
            return false;
        }

        if (PollAnswersSoon())
        {
            _logger.LogDebug("Not reading operator {Operator} now: the live poll is about to read everyone.", operatorId);
            return false;
        }

        // Counted before the check, so that reads running together each see the others (they cannot all take the last
        // request the poll needs).
        var inFlight = Interlocked.Increment(ref _refreshesInFlight);
        try
        {
            if (_budget.Remaining - _options.ReservedForCommands - Volatile.Read(ref _lastLiveRequests) - (inFlight - 1) < 1
                || !_refreshShare.TryTake(out _))
            {
                _logger.LogDebug("Not reading operator {Operator} now: the request budget is kept for the live poll.", operatorId);
                return false;
            }

            return await ReadOperatorAsync(operatorId, known, roster, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _refreshesInFlight);
        }
    }

    // When the poll is due within a moment (a quarter of its period, at most half a second: webhook-driven changes are to
    // be on screen within that), a read would only beat it by that moment, and spend a request on it. A fixed share of a
    // long period would not be a moment: with a 60 s poll, a quarter left changes of the last 15 s waiting up to 15 s.
    private bool PollAnswersSoon()
    {
        var period = Cadence() ?? _options.LiveInterval;
        var moment = TimeSpan.FromTicks(Math.Min(period.Ticks / 4, SoonEnough.Ticks));
        return _lastPollAt is { } last && _time.GetUtcNow() >= last + period - moment;
    }

    private static readonly TimeSpan SoonEnough = TimeSpan.FromMilliseconds(500);

    private async Task<bool> ReadOperatorAsync(int operatorId, OperatorState? known, Roster roster, CancellationToken cancellationToken)
    {
        using var scope = _scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IadvizeClient>();
        var result = await client.GetLiveAsync(operatorId, cancellationToken);
        if (!result.IsSuccess || result.Value is null)
        {
            _logger.LogInformation("Operator {Operator} could not be read: {Message} ({Outcome}); the next poll will tell.", operatorId, result.Message, result.Outcome);
            return false;
        }

        var state = known is not null
            ? SnapshotBuilder.ToState(result.Value, known)
            : SnapshotBuilder.ToState(result.Value, roster.Operators.GetValueOrDefault(operatorId), roster);

        _store.PublishOperator(state, _time.GetUtcNow());
        return true;
    }

    // The poll period the budget sustains: a cycle of n requests fits (budget - reserve - webhook reads) / n times a minute.
    private TimeSpan? Cadence()
    {
        // What webhook reads took this minute is not the poll's to plan with.
        var perMinute = Math.Max(1, _budget.PerMinute - _options.ReservedForCommands - (_refreshShare.PerMinute - _refreshShare.Remaining));
        var needed = TimeSpan.FromMinutes((double)_lastLiveRequests / perMinute);
        return needed > _options.LiveInterval ? needed : null;
    }

    private bool BudgetAllows(int requests)
    {
        if (_budget.Remaining - _options.ReservedForCommands >= requests)
        {
            return true;
        }

        _logger.LogInformation("Skipping a poll: it needs {Requests} requests and the budget of {Budget} per minute has {Remaining} left.",
            requests, _budget.PerMinute, _budget.Remaining);
        return false;
    }

    private async Task<bool> RefreshRosterAsync(IadvizeClient client, CancellationToken cancellationToken)
    {
        var before = _budget.Remaining;
        var operators = await client.GetAllOperatorsAsync(filter: null, cancellationToken);
        if (!operators.IsSuccess || operators.Value is null)
        {
            Fail("roster", operators);
            // Without a roster the live state still means something: names fall back to ids. Only the first load blocks.
            return _rosterLoadedAt is not null && operators.Outcome is not (ApiOutcome.KeyRejected or ApiOutcome.RateLimited);
        }

        var groups = await client.GetAllGroupsAsync(cancellationToken);
        var skills = await client.GetAllSkillsAsync(cancellationToken);
        var websites = await client.GetAllWebsitesAsync(cancellationToken);
        WarnIfNamesMissing("Group", groups);
        WarnIfNamesMissing("Skill", skills);
        WarnIfNamesMissing("Website", websites);

        _readOneByOne.Clear();
        Volatile.Write(ref _roster, new Roster(operators.Value, groups.Value ?? [], skills.Value, websites.Value));
        _rosterLoadedAt = _time.GetUtcNow();
        _lastRosterRequests = Math.Max(4, before - _budget.Remaining);

        _logger.LogInformation("Roster loaded: {Operators} operators, {Groups} groups.", operators.Value.Count, groups.Value?.Count ?? 0);
        return true;
    }

    // Names are a comfort, not the picture: without them the dashboard shows ids and cannot filter by that name.
    private void WarnIfNamesMissing<T>(string what, ApiResult<T> result)
    {
        if (!result.IsSuccess)
        {
            _logger.LogWarning("{What} names could not be read ({Error}); they show as ids.", what, result.Message);
        }
    }

    // An operator seen live before the roster lists them is read once (GET /operator/{id}), not on every cycle.
    private async Task ReadUnknownOperatorsAsync(IadvizeClient client, IEnumerable<int> liveIds, CancellationToken cancellationToken)
    {
        var roster = Roster;
        var unknown = liveIds.Where(id => !roster.Operators.ContainsKey(id) && !_readOneByOne.ContainsKey(id)).Take(MaxOneByOneReadsPerCycle).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var found = new List<OperatorDetails>();
        foreach (var id in unknown)
        {
            if (!BudgetAllows(1))
            {
                break;
            }

            var details = await client.GetOperatorAsync(id, cancellationToken);
            _readOneByOne[id] = details.Value;
            if (details.Value is not null)
            {
                found.Add(details.Value);
            }
        }

        if (found.Count > 0)
        {
            Volatile.Write(ref _roster, roster.With(found));
        }
    }

    private void Fail<T>(string what, ApiResult<T> result)
    {
        var now = _time.GetUtcNow();
        DateTimeOffset? next = null;
        string message;
        switch (result.Outcome)
        {
            case ApiOutcome.KeyRejected:
                _keyRejected = true;
                message = $"{result.Message} Polling is paused until the API key is changed or someone retries.";
                break;
            case ApiOutcome.RateLimited:
                next = now + (result.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : DefaultBackOff);
                _pausedUntil = next;
                message = $"Reading the {what} was refused for now: {result.Message}";
                break;
            default:
                message = $"Reading the {what} failed: {result.Message}";
                break;
        }

        _logger.LogWarning("{Message} ({Outcome})", message, result.Outcome);
        _store.ReportFailure(message, now, next, _keyRejected);
    }
}
