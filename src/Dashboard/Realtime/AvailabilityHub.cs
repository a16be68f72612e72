using Dashboard.Audit;
using Dashboard.Commands;
using Dashboard.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Realtime;

/// <summary>The whole picture, sent once on join; a client applies change sets on top of it in sequence order.</summary>
public sealed record SnapshotMessage(long Sequence, DateTimeOffset? TakenAt, IReadOnlyList<OperatorState> Operators);

/// <summary>
/// The answer to a client that saw a gap or reconnected: the change sets it missed, in order, or (when they are no longer
/// kept) a fresh snapshot to start again from.
/// </summary>
public sealed record ResyncMessage(IReadOnlyList<ChangeSet>? Changes, SnapshotMessage? Snapshot);

/// <summary>What the hub calls on its clients.</summary>
public interface IAvailabilityClient
{
    Task Snapshot(SnapshotMessage snapshot);

    Task Changes(ChangeSet changeSet);

    Task Health(UpstreamHealth health);
}

/// <summary>
/// Live availability for non-Blazor clients: a snapshot on join, then change sets with sequence numbers. Availability
/// changes go through the same command service as the pages.
/// </summary>
public sealed class AvailabilityHub(AvailabilityStore store, IAvailabilityCommands commands, HubSessions sessions, IAuthorizationService authorization)
    : Hub<IAvailabilityClient>
{
    private const string AudienceItem = "audience";

    public override async Task OnConnectedAsync()
    {
        sessions.Add(Context);
        // The group is fixed for the connection's life: a changed role closes the connection (HubSessions).
        Context.Items[AudienceItem] = await HubAudience.GroupOfAsync(authorization, Context.User);
        await Groups.AddToGroupAsync(Context.ConnectionId, HubAudience.Local(Audience), Context.ConnectionAborted);
        await Clients.Caller.Snapshot(GetSnapshot());
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Remove(Context);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>A fresh snapshot.</summary>
    public SnapshotMessage GetSnapshot()
    {
        var snapshot = store.Current;
        return new SnapshotMessage(snapshot.Sequence, snapshot.TakenAt, HubAudience.ForGroup(Audience, snapshot.Operators));
    }

    // Decided once, on connecting; availability only until then.
    private string Audience => Context.Items.TryGetValue(AudienceItem, out var group) && group is string known ? known : HubAudience.AvailabilityOnly;

    /// <summary>
    /// For a client whose last applied change set is <paramref name="sequence"/> and that saw a gap or reconnected: what it
    /// missed, or a snapshot when that is no longer kept. Applying the answer (and ignoring change sets at or below the
    /// sequence it ends at) leaves the client exactly right.
    /// </summary>
    public ResyncMessage GetChangesSince(long sequence) =>
        store.ChangesSince(sequence) is { } missed
            ? new ResyncMessage([.. missed.Select(changeSet => HubAudience.ForGroup(Audience, changeSet))], null)
            : new ResyncMessage(null, GetSnapshot());

    private CommandActor Actor => CommandActor.From(Context.User, CommandActor.Hub);

    /// <summary>Makes an operator available or unavailable on <c>chat</c>, <c>call</c> or <c>video</c>; answers the verified outcome.</summary>
    // Open to every signed-in caller on purpose: the command service refuses a non-Manager and, unlike an [Authorize]
    // here, records the refusal in the audit trail.
    public Task<CommandResult> SetChannelAvailability(int operatorId, string channel, bool available)
    {
        var kind = ChannelKinds.FromWire(channel);
        return kind is { } known
            ? commands.SetChannelAvailabilityAsync(Actor, operatorId, known, available, Context.ConnectionAborted)
            : Task.FromResult(new CommandResult(false, "Unknown channel: use chat, call or video."));
    }

    /// <summary>Forces an operator offline; answers the verified outcome.</summary>
    public Task<CommandResult> Disconnect(int operatorId) => commands.DisconnectAsync(Actor, operatorId, Context.ConnectionAborted);
}
