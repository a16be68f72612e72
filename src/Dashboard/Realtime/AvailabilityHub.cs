using Dashboard.Live;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Realtime;

/// <summary>The whole picture, sent once on join; a client applies change sets on top of it in sequence order.</summary>
public sealed record SnapshotMessage(long Sequence, DateTimeOffset? TakenAt, IReadOnlyList<OperatorState> Operators);

/// <summary>What the hub calls on its clients.</summary>
public interface IAvailabilityClient
{
    Task Snapshot(SnapshotMessage snapshot);

    Task Changes(ChangeSet changeSet);

    Task Health(UpstreamHealth health);
}

/// <summary>Live availability for non-Blazor clients: a snapshot on join, then change sets with sequence numbers.</summary>
public sealed class AvailabilityHub(AvailabilityStore store) : Hub<IAvailabilityClient>
{
    public override async Task OnConnectedAsync()
    {
        await Clients.Caller.Snapshot(GetSnapshot());
        await base.OnConnectedAsync();
    }

    /// <summary>A fresh snapshot, for a client that saw a gap in the sequence numbers.</summary>
    public SnapshotMessage GetSnapshot()
    {
        var snapshot = store.Current;
        return new SnapshotMessage(snapshot.Sequence, snapshot.TakenAt, snapshot.Operators);
    }
}
