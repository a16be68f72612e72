using System.Threading.Channels;
using Dashboard.DayCurve;
using Dashboard.Demand;
using Dashboard.Live;
using Dashboard.Polling;
using Dashboard.Webhooks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.ScaleOut;

/// <summary>
/// Carries the picture from the polling instance to the others over Redis pub/sub. While this instance holds the lease
/// (a term, begun and ended by <see cref="RedisPollingLease"/>) it sends every change set and health of its store, a
/// snapshot when the term begins, every <see cref="ScaleOutOptions.SnapshotInterval"/> and when a follower asks; otherwise
/// it applies what the polling instance sends to its own store, in order (<see cref="ReplicaOrder"/>), so that its
/// circuits and hub clients see what the polling instance's see. Beside the picture it carries what the polling instance
/// alone reads (the roster, today's demand: <c>LiveReplication.Figures.cs</c>) and takes the followers' requests to it.
/// </summary>
public sealed partial class LiveReplication : BackgroundService, IAvailabilityObserver, IOperatorWriteForwarder
{
    /// <summary>What a follower that missed change sets shows until the next snapshot.</summary>
    public const string BehindMessage = "This instance missed updates from the polling instance and waits for the next full picture.";

    private readonly IConnectionMultiplexer _redis;
    private readonly AvailabilityStore _store;
    private readonly ScaleOutOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveReplication> _logger;
    private readonly RedisChannel _live;
    private readonly RedisChannel _snapshotWanted;
    private readonly RedisChannel _operatorWrites;
    private readonly RedisKey _sequenceKey;
    private readonly ReplicaOrder _order = new();
    // Bounded: if Redis cannot keep up, the oldest go and followers see a gap, which a snapshot repairs.
    private readonly Channel<Func<ReplicaMessage?>> _outbox = Channel.CreateBounded<Func<ReplicaMessage?>>(
        new BoundedChannelOptions(1_024) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
    private TermId? _term;
    private int _snapshotQueued;

    public LiveReplication(
        IConnectionMultiplexer redis,
        AvailabilityStore store,
        PollCycle poll,
        DemandStore demand,
        DayCurveStore curve,
        OperatorRefreshQueue refreshes,
        IOptions<ScaleOutOptions> options,
        TimeProvider time,
        ILogger<LiveReplication> logger)
    {
        _redis = redis;
        _store = store;
        _poll = poll;
        _demand = demand;
        _curve = curve;
        _refreshes = refreshes;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _live = RedisChannel.Literal($"{_options.Prefix}:live");
        _snapshotWanted = RedisChannel.Literal($"{_options.Prefix}:snapshot-wanted");
        _operatorWrites = RedisChannel.Literal($"{_options.Prefix}:operator-writes");
        _refreshWanted = RedisChannel.Literal($"{_options.Prefix}:refresh-wanted");
        _rosterKey = $"{_options.Prefix}:roster";
        store.ForwardOperatorWrites(this);
        _sequenceKey = $"{_options.Prefix}:sequence";
    }

    /// <summary>This instance, as its messages name it.</summary>
    public Guid Instance { get; } = Guid.NewGuid();

    /// <summary>
    /// Starts sending: the numbering continues above the last number any polling instance sent, so that no listener sees
    /// a number twice, and the first message is a snapshot (followers apply nothing of a term before its snapshot).
    /// Called before this instance starts polling.
    /// </summary>
    public async Task BeginTermAsync(CancellationToken cancellationToken)
    {
        var last = (long?)await _redis.GetDatabase().StringGetAsync(_sequenceKey).WaitAsync(cancellationToken) ?? 0;
        _store.AdvanceSequence(Math.Max(last, _store.Current.Sequence) + 1);
        ForgetFiguresShared();
        Volatile.Write(ref _term, new TermId(Guid.NewGuid()));
        QueueSnapshot();
    }

    /// <summary>Stops sending: another instance may be polling already.</summary>
    public void EndTerm() => Volatile.Write(ref _term, null);

    public bool TryForward(OperatorState state, DateTimeOffset at, bool verified)
    {
        if (Volatile.Read(ref _term) is not null)
        {
            return false;
        }

        // Lost if no instance polls at this moment (or Redis is away): the next poll reads the upstream, which is where the
        // change is.
        Send(_operatorWrites, ReplicaMessage.ForOperator(Instance, state, at, verified).Serialize());
        return true;
    }

    public void OnChanges(ChangeSet changeSet)
    {
        if (Volatile.Read(ref _term) is { } term)
        {
            var takenAt = _store.Current.TakenAt;
            _outbox.Writer.TryWrite(() => ReplicaMessage.ForChanges(Instance, term.Value, changeSet, takenAt));
        }
    }

    public void OnHealth(UpstreamHealth health)
    {
        if (Volatile.Read(ref _term) is { } term)
        {
            var current = _store.Current;
            _outbox.Writer.TryWrite(() => ReplicaMessage.ForHealth(Instance, term.Value, health, current) with { RosterVersion = SharedRosterVersion() });
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscriber = _redis.GetSubscriber();
        // One queue per channel: its messages are handled one at a time, in the order they were sent.
        var live = await subscriber.SubscribeAsync(_live);
        live.OnMessage(message => Receive(message.Message));
        var wanted = await subscriber.SubscribeAsync(_snapshotWanted);
        wanted.OnMessage(_ => QueueSnapshot());
        var writes = await subscriber.SubscribeAsync(_operatorWrites);
        writes.OnMessage(message => ReceiveOperator(message.Message));
        var refreshes = await subscriber.SubscribeAsync(_refreshWanted);
        refreshes.OnMessage(message => ReceiveRefresh(message.Message));
        _redis.ConnectionRestored += OnConnectionRestored;
        using var subscription = _store.Subscribe(this);
        using var demandChanges = _demand.Subscribe(QueueDemand);
        using var curveChanges = _curve.Subscribe(QueueDemand);
        using var periodic = new PeriodicTimer(_options.SnapshotInterval, _time);
        var ticks = TickAsync(periodic, stoppingToken);
        try
        {
            AskForSnapshot();
            await SendAsync(subscriber, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
        finally
        {
            _redis.ConnectionRestored -= OnConnectionRestored;
            await live.UnsubscribeAsync();
            await wanted.UnsubscribeAsync();
            await writes.UnsubscribeAsync();
            await refreshes.UnsubscribeAsync();
            await ticks;
        }
    }

    private async Task TickAsync(PeriodicTimer periodic, CancellationToken stoppingToken)
    {
        try
        {
            while (await periodic.WaitForNextTickAsync(stoppingToken))
            {
                QueueSnapshot();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task SendAsync(ISubscriber subscriber, CancellationToken stoppingToken)
    {
        await foreach (var make in _outbox.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (make() is not { } message)
                {
                    continue;
                }

                await subscriber.PublishAsync(_live, message.Serialize());
                if (message.Kind != ReplicaKind.Demand)
                {
                    // The last number sent, for the next polling instance to continue from (demand is not numbered).
                    await _redis.GetDatabase().StringSetAsync(_sequenceKey, message.Sequence, flags: CommandFlags.FireAndForget);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Followers notice the gap and ask for a snapshot; sending goes on with the next message.
                _logger.LogWarning(exception, "Sending the picture to the other instances failed.");
            }
        }
    }

    // Several asks in a row (every follower after a Redis blip) cost one snapshot, read when it is sent: never older
    // than a change set queued before it, which followers then drop as already applied.
    private void QueueSnapshot()
    {
        if (Volatile.Read(ref _term) is null || Interlocked.Exchange(ref _snapshotQueued, 1) == 1)
        {
            return;
        }

        _outbox.Writer.TryWrite(() =>
        {
            Interlocked.Exchange(ref _snapshotQueued, 0);
            return Volatile.Read(ref _term) is { } term
                ? WithFigures(ReplicaMessage.ForSnapshot(Instance, term.Value, _store.Current, _store.Health, _store.WatchingSince))
                : null;
        });
    }

    private void Receive(RedisValue payload)
    {
        if (Volatile.Read(ref _term) is not null || ReplicaMessage.Deserialize((byte[])payload!) is not { } message || message.Sender == Instance)
        {
            // The polling instance's own picture comes from the upstream; a message from another while it polls is one
            // the previous polling instance sent before it knew its lease was gone.
            return;
        }

        try
        {
            Apply(message);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "A message of the polling instance could not be applied; waiting for the next snapshot.");
            _store.MarkBehind(BehindMessage);
            AskForSnapshot();
        }
    }

    private void ReceiveOperator(RedisValue payload)
    {
        if (Volatile.Read(ref _term) is null
            || ReplicaMessage.Deserialize((byte[])payload!) is not { Kind: ReplicaKind.Operator, Operators: [var wire], At: { } at } message)
        {
            return;
        }

        var state = wire.ToState();
        if (message.Verified)
        {
            _store.PublishVerified(state, at);
        }
        else
        {
            _store.PublishOperator(state, at);
        }
    }

    private void Apply(ReplicaMessage message)
    {
        if (message.Kind == ReplicaKind.Demand)
        {
            // Not numbered: the last of the current term stands.
            if (message.Term == _order.Term)
            {
                MirrorDemand(message);
            }

            return;
        }

        var applied = _store.Current.Sequence;
        var step = message.Kind switch
        {
            ReplicaKind.Snapshot => _order.OnSnapshot(message.Term, message.Sequence, applied),
            ReplicaKind.Changes => _order.OnChanges(message.Term, message.Sequence, applied),
            _ => _order.OnHealth(message.Term, message.Sequence, applied),
        };

        if (step == ReplicaStep.Behind)
        {
            _logger.LogWarning("Missed updates from the polling instance (at {Applied}, received {Sequence}); asking for a snapshot.", applied, message.Sequence);
            _store.MarkBehind(BehindMessage);
            AskForSnapshot();
            return;
        }

        if (step == ReplicaStep.Skip)
        {
            return;
        }

        switch (message.Kind)
        {
            case ReplicaKind.Snapshot:
                _store.ReplaceReplicated(message.Sequence, message.TakenAt, message.ToOperators(), message.Health ?? UpstreamHealth.Unknown, message.WatchingSince);
                MirrorDemand(message);
                FollowRoster(message.RosterVersion);
                break;
            case ReplicaKind.Changes:
                _store.ApplyReplicated(message.ToChangeSet(), message.TakenAt);
                break;
            default:
                _store.ReportReplicatedHealth(message.Health ?? UpstreamHealth.Unknown, message.Sequence, message.TakenAt);
                FollowRoster(message.RosterVersion);
                break;
        }
    }

    // Messages sent while the connection was down are lost for good: a snapshot tells whether any mattered.
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs args) => AskForSnapshot();

    private void AskForSnapshot()
    {
        if (Volatile.Read(ref _term) is null)
        {
            Send(_snapshotWanted, Instance.ToString("N"));
        }
    }

    // Fire and forget, and never a throw into the caller (a command, a webhook, a Redis event) while Redis is away: what is
    // lost is repaired by the next snapshot or poll.
    private void Send(RedisChannel channel, RedisValue message)
    {
        try
        {
            _redis.GetSubscriber().Publish(channel, message, CommandFlags.FireAndForget);
        }
        catch (RedisException exception)
        {
            _logger.LogWarning(exception, "A message to the other instances could not be sent (is Redis reachable?).");
        }
    }

    // A class, so that it is read and written whole from any thread.
    private sealed record TermId(Guid Value);
}
