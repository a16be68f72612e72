namespace Dashboard.Live;

public enum ChangeKind
{
    Added,
    Updated,
    Removed,
}

/// <summary>One operator that changed: its new state (null when removed) and which channels moved.</summary>
public sealed record OperatorChange(int OperatorId, ChangeKind Kind, OperatorState? Current, ChannelMask Channels);

/// <summary>Only what changed between two snapshots, numbered so that a listener can tell when it missed one.</summary>
public sealed record ChangeSet(long Sequence, DateTimeOffset At, IReadOnlyList<OperatorChange> Changes);
