using System.Collections.Concurrent;
using Dashboard.Live;
using Dashboard.Polling;
using Iadvize.Client;

namespace Dashboard.Commands;

/// <summary>What became of a change a person asked for, in words fit to show them.</summary>
public sealed record CommandResult(bool Succeeded, string Message, OperatorState? Verified = null);

/// <summary>Changes an operator's availability: the one path used by every page, hub method and endpoint.</summary>
public interface IAvailabilityCommands
{
    Task<CommandResult> SetChannelAvailabilityAsync(int operatorId, ChannelKind channel, bool available, CancellationToken cancellationToken);
}

/// <summary>
/// Checks the request against the current picture, sends the PUT once, reads the operator back from the upstream, and
/// publishes what the upstream says rather than what was asked. Changes to one operator are serialized.
/// </summary>
public sealed class AvailabilityCommands(
    AvailabilityStore store,
    PollCycle poll,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<AvailabilityCommands> logger) : IAvailabilityCommands
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _perOperator = new();

    public async Task<CommandResult> SetChannelAvailabilityAsync(int operatorId, ChannelKind channel, bool available, CancellationToken cancellationToken)
    {
        var gate = _perOperator.GetOrAdd(operatorId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Checked inside the gate: a change that just finished may have made this one pointless or invalid.
            var current = store.Current.Find(operatorId);
            if (Validate(current, channel, available) is { } refusal)
            {
                return refusal;
            }

            using var scope = scopes.CreateScope();
            var client = scope.ServiceProvider.GetRequiredService<IadvizeClient>();
            var put = await client.SetAvailabilityAsync(operatorId, ToClientChange(channel, available), cancellationToken);
            if (!put.IsSuccess)
            {
                logger.LogWarning("Setting {Channel} of operator {Operator} to {Available} failed: {Outcome} {Message}", channel, operatorId, available, put.Outcome, put.Message);
                return new CommandResult(false, $"iAdvize refused the change for {current!.Name}: {put.Message}");
            }

            var readBack = await client.GetLiveAsync(operatorId, cancellationToken);
            if (!readBack.IsSuccess || readBack.Value is null)
            {
                return new CommandResult(false, $"iAdvize accepted the change ({put.Value}) but the operator could not be read back: {readBack.Message}");
            }

            var verified = SnapshotBuilder.ToState(readBack.Value, poll.Roster.Operators.GetValueOrDefault(operatorId), poll.Roster) with
            {
                // The roster may not be loaded yet in this instance; keep the identity the dashboard already shows.
                Name = current!.Name,
                Group = current.Group,
            };
            store.PublishOperator(verified, time.GetUtcNow());
            return Describe(verified, channel, available, put.Value);
        }
        finally
        {
            gate.Release();
        }
    }

    private static CommandResult? Validate(OperatorState? current, ChannelKind channel, bool available)
    {
        if (current is null)
        {
            return new CommandResult(false, "This operator is not known to the dashboard.");
        }

        var state = current[channel];
        if (available && !current.Connected)
        {
            return new CommandResult(false, $"{current.Name} is offline: an offline operator cannot be made available.");
        }

        if (current.Connected && !state.Enabled)
        {
            return new CommandResult(false, $"The {channel.ToWire()} channel is not enabled for {current.Name}.");
        }

        return null;
    }

    private static CommandResult Describe(OperatorState verified, ChannelKind channel, bool available, string? upstreamMessage)
    {
        var state = verified[channel];
        var reached = available ? state.Available || state.Busy : !state.Available;
        var said = string.IsNullOrWhiteSpace(upstreamMessage) ? "" : $" iAdvize: “{upstreamMessage}”";
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
