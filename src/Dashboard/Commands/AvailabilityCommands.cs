using Dashboard.Audit;
using Dashboard.Auth;
using Dashboard.Live;
using Dashboard.Polling;
using Iadvize.Client;
using Polly;
using Polly.Retry;

namespace Dashboard.Commands;

/// <summary>What became of a change a person asked for, in words fit to show them.</summary>
public sealed record CommandResult(bool Succeeded, string Message, OperatorState? Verified = null);

/// <summary>Changes an operator's availability: the one path used by every page, hub method and endpoint.</summary>
public interface IAvailabilityCommands
{
    /// <summary>Makes the operator available or unavailable on one channel.</summary>
    Task<CommandResult> SetChannelAvailabilityAsync(CommandActor actor, int operatorId, ChannelKind channel, bool available, CancellationToken cancellationToken);

    /// <summary>Forces the operator offline (<c>connected=0</c>).</summary>
    Task<CommandResult> DisconnectAsync(CommandActor actor, int operatorId, CancellationToken cancellationToken);
}

/// <summary>
/// Checks the request against the current picture, sends the PUT once, reads the operator back from the upstream, and
/// publishes what the upstream says rather than what was asked. Changes to one operator are serialized. Every request
/// is audited: refusals in one write, sent changes as an intent before the PUT and a completion after.
/// </summary>
public sealed class AvailabilityCommands(
    AvailabilityStore store,
    IAuditTrail audit,
    IServiceScopeFactory scopes,
    AccountCheck accounts,
    Microsoft.AspNetCore.Authorization.IAuthorizationService authorization,
    Dashboard.Health.DashboardMetrics metrics,
    Dashboard.Storage.DatabaseFile database,
    TimeProvider time,
    ILogger<AvailabilityCommands> logger,
    IOperatorLocks locks) : IAvailabilityCommands
{
    private readonly ResiliencePipeline _completionRetry = new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(exception => exception is not OperationCanceledException),
        })
        .Build();

    public const string NotAuditedMessage = "The change was not sent: it could not be recorded in the audit trail. Try again shortly, or tell an administrator.";

    public Task<CommandResult> SetChannelAvailabilityAsync(CommandActor actor, int operatorId, ChannelKind channel, bool available, CancellationToken cancellationToken) =>
        ChangeAsync(
            actor,
            operatorId,
            new AuditedChange(channel.ToWire(), op => op[channel].Status.ToWire(), available ? "available" : "unavailable", op => op[channel].Status.ToWire()),
            ToClientChange(channel, available),
            current => Refusal(current, ChangeRules.ForChannel(current, channel, available)),
            // iAdvize reports a full channel as busy whether switched on or off: the change itself tells which.
            verified => verified.With(channel, verified[channel].AfterSwitch(available)),
            (verified, said) => DescribeChannel(verified, channel, available, said),
            cancellationToken);

    public Task<CommandResult> DisconnectAsync(CommandActor actor, int operatorId, CancellationToken cancellationToken) =>
        ChangeAsync(
            actor,
            operatorId,
            new AuditedChange("offline", ConnectionState, "offline", ConnectionState),
            new AvailabilityChange(Disconnect: true),
            current => Refusal(current, ChangeRules.ForDisconnect(current)),
            verified => verified,
            (verified, said) => verified.Connected
                ? new CommandResult(false, $"iAdvize accepted the change but {verified.Name} is still connected.{said}", verified)
                : new CommandResult(true, $"{verified.Name} is now offline.{said}", verified),
            cancellationToken);

    private async Task<CommandResult> ChangeAsync(
        CommandActor actor,
        int operatorId,
        AuditedChange audited,
        AvailabilityChange change,
        Func<OperatorState, CommandResult?> validate,
        Func<OperatorState, OperatorState> settle,
        Func<OperatorState, string, CommandResult> describe,
        CancellationToken cancellationToken)
    {
        AuditIntent Intent(OperatorState? op) => new(
            actor, time.GetUtcNow(), operatorId, op?.Name ?? $"Operator {operatorId}", audited.Channel, op is null ? "unknown" : audited.From(op), audited.To);

        // Nothing could be recorded: not even the refusal is written, into a file nobody will read.
        if (database.Problem is { } lost)
        {
            return new CommandResult(false, $"The change was not sent. {lost}");
        }

        if (!await authorization.AllowsAsync(actor.User, AuthExtensions.ManagerPolicy))
        {
            return await RefuseAsync(Intent(store.Current.Find(operatorId)), new CommandResult(false, $"Only a Manager may change availability; {actor.Name} is a {actor.Role}."));
        }

        // The role above is the one the sign-in started with; the account may have been disabled or re-roled since (a new
        // role ends the sign-in). An actor without its sign-in cannot be checked, so it is refused.
        if (actor.User is not { } user || await accounts.CurrentRoleAsync(user, cancellationToken) is null)
        {
            return await RefuseAsync(
                Intent(store.Current.Find(operatorId)),
                new CommandResult(false, $"{actor.Name}'s account was changed or disabled since signing in: sign in again."));
        }

        // Only operators the dashboard knows get a lock: any number could be sent to the hub.
        if (!store.Current.Contains(operatorId))
        {
            return await RefuseAsync(Intent(null), new CommandResult(false, "This operator is not known to the dashboard."));
        }

        IAsyncDisposable gate;
        try
        {
            gate = await locks.AcquireAsync(operatorId, cancellationToken);
        }
        catch (OperatorLocksUnavailableException unavailable)
        {
            return await RefuseAsync(Intent(store.Current.Find(operatorId)), new CommandResult(false, unavailable.Message));
        }

        try
        {
            // Checked inside the gate: a change that just finished may have made this one pointless or invalid.
            if (store.Current.Find(operatorId) is not { } current)
            {
                return await RefuseAsync(Intent(null), new CommandResult(false, "This operator is not known to the dashboard."));
            }

            if (validate(current) is { } refusal)
            {
                return await RefuseAsync(Intent(current), refusal);
            }

            long entry;
            try
            {
                // Not the caller's token, from here on: an intent cut off half-way, or a change left between its intent
                // and its PUT, would show as in flight, then as unknown, for a change that was never sent.
                entry = await audit.BeginAsync(Intent(current), CancellationToken.None);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Change {Change} of operator {Operator} not sent: the audit intent could not be written", change, operatorId);
                return new CommandResult(false, NotAuditedMessage);
            }

            var started = time.GetTimestamp();
            CommandResult result;
            try
            {
                // Once recorded, the change runs to its verified end even if the person leaves the page or the hub
                // client drops: the client's own timeouts bound it (Audit:PendingTimeout is checked against them).
                result = await SendAsync(operatorId, change, current, settle, describe, CancellationToken.None);
            }
            catch (Exception exception)
            {
                // The PUT may or may not have reached iAdvize: the trail says so rather than guessing.
                await CompleteAsync(entry, new AuditCompletion(AuditOutcome.Unknown, exception.Message, null, Elapsed(started), time.GetUtcNow()));
                throw;
            }

            var outcome = result.Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Failed;
            var verified = result.Verified is { } state ? audited.Verified(state) : null;
            await CompleteAsync(entry, new AuditCompletion(outcome, result.Message, verified, Elapsed(started), time.GetUtcNow()));
            return result;
        }
        finally
        {
            await gate.DisposeAsync();
        }
    }

    private async Task<CommandResult> SendAsync(
        int operatorId,
        AvailabilityChange change,
        OperatorState current,
        Func<OperatorState, OperatorState> settle,
        Func<OperatorState, string, CommandResult> describe,
        CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IadvizeClient>();
        var put = await client.SetAvailabilityAsync(operatorId, change, cancellationToken);
        if (!put.IsSuccess)
        {
            logger.LogWarning("Change {Change} of operator {Operator} failed: {Outcome} {Message}", change, operatorId, put.Outcome, put.Message);
            return new CommandResult(false, $"iAdvize refused the change for {current.Name}: {put.Message}");
        }

        var readBack = await client.GetLiveAsync(operatorId, cancellationToken);
        if (!readBack.IsSuccess || readBack.Value is null)
        {
            return new CommandResult(false, $"iAdvize accepted the change ({put.Value}) but {current.Name} could not be read back: {readBack.Message}");
        }

        var verified = settle(SnapshotBuilder.ToState(readBack.Value, current));
        store.PublishVerified(verified, time.GetUtcNow());
        var said = string.IsNullOrWhiteSpace(put.Value) ? "" : $" iAdvize: “{put.Value}”";
        return describe(verified, said);
    }

    private async Task<CommandResult> RefuseAsync(AuditIntent intent, CommandResult refusal)
    {
        metrics.ChangeEnded(AuditOutcome.Refused);
        try
        {
            await audit.RefusedAsync(intent, refusal.Message, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // Nothing was sent, so nothing changed hands unaudited; the person still hears why it was refused.
            logger.LogError(exception, "Refusal for operator {Operator} could not be audited", intent.OperatorId);
        }

        return refusal;
    }

    private async Task CompleteAsync(long entry, AuditCompletion completion)
    {
        metrics.ChangeEnded(completion.Outcome);
        try
        {
            // Not the caller's token: a person leaving the page must not leave the entry half-written. A database that
            // blinks gets a few more tries, so that the answer itself, not "unknown", is what the trail keeps.
            await _completionRetry.ExecuteAsync(token => new ValueTask(audit.CompleteAsync(entry, completion, token)), CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The entry stays without completion and is closed as Unknown by the sweep or the next start; the log keeps
            // what the upstream answered.
            logger.LogError(exception, "Audit entry {Entry} could not be completed with {Outcome}: {Message}", entry, completion.Outcome, completion.Message);
        }
    }

    private long Elapsed(long started) => (long)time.GetElapsedTime(started).TotalMilliseconds;

    private static string ConnectionState(OperatorState op) => op.Connected ? "connected" : "offline";

    /// <summary>How a change reads in the audit trail: its channel, the state before, the state asked, the state verified.</summary>
    private sealed record AuditedChange(string Channel, Func<OperatorState, string> From, string To, Func<OperatorState, string> Verified);

    // Checked after the previous change to this operator was verified: a second click asking the same thing sends
    // nothing, and answers with the state it found.
    private static CommandResult? Refusal(OperatorState current, ChangeObstacle? obstacle) =>
        obstacle is null ? null : new CommandResult(obstacle.Pointless, obstacle.Sentence, obstacle.Pointless ? current : null);

    private static CommandResult DescribeChannel(OperatorState verified, ChannelKind channel, bool available, string said)
    {
        var state = verified[channel];
        // Asked to stop, a busy operator keeps the contacts in hand; what iAdvize can confirm is that it is no longer available.
        var reached = available ? state.IsTakingContacts : !state.Available;
        if (reached && !available && state.Status == ChannelStatus.Busy)
        {
            // iAdvize reports a full channel as busy whether or not it is switched on: say what the switch did.
            return new CommandResult(
                true,
                $"{verified.Name} gets no new {channel.ToWire()} contacts; still busy with {state.Slots}/{state.MaxSlots} in hand, shown busy until they end.{said}",
                verified);
        }

        return reached
            ? new CommandResult(true, $"{verified.Name} is now {state.Status.ToWire()} on {channel.ToWire()}.{said}", verified)
            : new CommandResult(false, $"iAdvize accepted the change but {verified.Name} is still {state.Status.ToWire()} on {channel.ToWire()}.{said}", verified);
    }

    private static AvailabilityChange ToClientChange(ChannelKind channel, bool available) => channel switch
    {
        ChannelKind.Chat => new AvailabilityChange(Chat: available),
        ChannelKind.Call => new AvailabilityChange(Call: available),
        ChannelKind.Video => new AvailabilityChange(Video: available),
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };
}
