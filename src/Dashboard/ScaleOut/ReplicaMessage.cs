using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.DayCurve;
using Dashboard.Demand;
using Dashboard.Live;

namespace Dashboard.ScaleOut;

/// <summary>What a message of the polling instance carries.</summary>
public enum ReplicaKind
{
    /// <summary>The whole picture, its health, and when this run started watching.</summary>
    Snapshot,

    /// <summary>One change set.</summary>
    Changes,

    /// <summary>The upstream's health after a poll (every poll: it is also the polling instance's heartbeat).</summary>
    Health,

    /// <summary>A follower's operator for the polling instance to publish: a verified change, a webhook's read.</summary>
    Operator,

    /// <summary>Today's demand and missed opportunities per hour, as the polling instance read them last.</summary>
    Demand,
}

/// <summary>
/// One message of the polling instance on Redis pub/sub. Short names, and defaults left out: a snapshot of thousands of
/// operators goes to every instance every few seconds.
/// </summary>
/// <param name="Sender">The sending instance, which ignores its own messages.</param>
/// <param name="Term">The sender's time holding the polling lease: change sets apply only on a snapshot of the same term.</param>
/// <param name="Kind">What the message carries.</param>
/// <param name="Sequence">The number of the picture after this message.</param>
/// <param name="TakenAt">When the upstream last confirmed the picture after this message.</param>
public sealed record ReplicaMessage(
    [property: JsonPropertyName("f")] Guid Sender,
    [property: JsonPropertyName("t")] Guid Term,
    [property: JsonPropertyName("k")] ReplicaKind Kind,
    [property: JsonPropertyName("s")] long Sequence,
    [property: JsonPropertyName("ta")] DateTimeOffset? TakenAt)
{
    /// <summary>When the change set happened (<see cref="ReplicaKind.Changes"/>).</summary>
    [JsonPropertyName("a")]
    public DateTimeOffset? At { get; init; }

    [JsonPropertyName("c")]
    public IReadOnlyList<WireChange>? Changes { get; init; }

    [JsonPropertyName("o")]
    public IReadOnlyList<WireOperator>? Operators { get; init; }

    [JsonPropertyName("h")]
    public UpstreamHealth? Health { get; init; }

    [JsonPropertyName("w")]
    public DateTimeOffset? WatchingSince { get; init; }

    /// <summary>The operator was verified after a person's change (<see cref="ReplicaKind.Operator"/>).</summary>
    [JsonPropertyName("v")]
    public bool Verified { get; init; }

    /// <summary>
    /// Which roster the polling instance holds (snapshots and health): a follower holding another reads it from Redis
    /// (<see cref="WireRoster"/>), so that the roster, sent when it changes, costs nothing every poll.
    /// </summary>
    [JsonPropertyName("rv")]
    public Guid? RosterVersion { get; init; }

    /// <summary>Today's demand (<see cref="ReplicaKind.Demand"/> and snapshots).</summary>
    [JsonPropertyName("d")]
    public DemandState? Demand { get; init; }

    /// <summary>The missed opportunities per hour of the day's curve (<see cref="ReplicaKind.Demand"/> and snapshots).</summary>
    [JsonPropertyName("hm")]
    public HourlyMissed? Hourly { get; init; }

    /// <summary>Why the missed opportunities per hour are not current, if they are not.</summary>
    [JsonPropertyName("hp")]
    public string? HourlyProblem { get; init; }

    public static ReplicaMessage ForOperator(Guid sender, OperatorState state, DateTimeOffset at, bool verified) =>
        new(sender, Guid.Empty, ReplicaKind.Operator, 0, null) { At = at, Operators = [WireOperator.From(state)], Verified = verified };

    public static ReplicaMessage ForChanges(Guid sender, Guid term, ChangeSet changeSet, DateTimeOffset? takenAt) =>
        new(sender, term, ReplicaKind.Changes, changeSet.Sequence, takenAt)
        {
            At = changeSet.At,
            Changes = [.. changeSet.Changes.Select(WireChange.From)],
        };

    public static ReplicaMessage ForHealth(Guid sender, Guid term, UpstreamHealth health, Snapshot current) =>
        new(sender, term, ReplicaKind.Health, current.Sequence, current.TakenAt) { Health = health };

    public static ReplicaMessage ForSnapshot(Guid sender, Guid term, Snapshot current, UpstreamHealth health, DateTimeOffset? watchingSince) =>
        new(sender, term, ReplicaKind.Snapshot, current.Sequence, current.TakenAt)
        {
            Operators = [.. current.Operators.Select(WireOperator.From)],
            Health = health,
            WatchingSince = watchingSince,
        };

    /// <summary>What the demand figures are now: a message of their own, and part of every snapshot.</summary>
    public static ReplicaMessage ForDemand(Guid sender, Guid term, DemandState demand, HourlyMissed? hourly, string? hourlyProblem) =>
        new(sender, term, ReplicaKind.Demand, 0, null) { Demand = demand, Hourly = hourly, HourlyProblem = hourlyProblem };

    /// <summary>The change set this message carries (<see cref="ReplicaKind.Changes"/>).</summary>
    public ChangeSet ToChangeSet() =>
        new(Sequence, At ?? TakenAt ?? DateTimeOffset.MinValue, [.. (Changes ?? []).Select(change => change.ToChange())]);

    /// <summary>The operators this message carries (<see cref="ReplicaKind.Snapshot"/>).</summary>
    public IReadOnlyCollection<OperatorState> ToOperators() => [.. (Operators ?? []).Select(op => op.ToState())];

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, ReplicaJson.Default.ReplicaMessage);

    /// <summary>The message, or null when it is not one (another version's format, or garbage on the channel).</summary>
    public static ReplicaMessage? Deserialize(ReadOnlySpan<byte> bytes) => StoredJson.Read(bytes, ReplicaJson.Default.ReplicaMessage);
}

public sealed record WireChange(
    [property: JsonPropertyName("i")] int OperatorId,
    [property: JsonPropertyName("k")] ChangeKind Kind,
    [property: JsonPropertyName("o")] WireOperator? Current,
    [property: JsonPropertyName("m")] ChannelMask Channels)
{
    public static WireChange From(OperatorChange change) =>
        new(change.OperatorId, change.Kind, change.Current is { } current ? WireOperator.From(current) : null, change.Channels);

    public OperatorChange ToChange() => new(OperatorId, Kind, Current?.ToState(), Channels);
}

public sealed record WireOperator(
    [property: JsonPropertyName("i")] int Id,
    [property: JsonPropertyName("n")] string Name,
    [property: JsonPropertyName("p")] string? Pseudo,
    [property: JsonPropertyName("e")] string? Email,
    [property: JsonPropertyName("x")] string? ExternalId,
    [property: JsonPropertyName("g")] string? Group,
    [property: JsonPropertyName("c")] bool Connected,
    [property: JsonPropertyName("ch")] WireChannel Chat,
    [property: JsonPropertyName("ca")] WireChannel Call,
    [property: JsonPropertyName("vi")] WireChannel Video,
    [property: JsonPropertyName("sk")] string? Skills,
    [property: JsonPropertyName("ws")] string? Websites)
{
    public static WireOperator From(OperatorState op) =>
        new(op.Id, op.Name, op.Pseudo, op.Email, op.ExternalId, op.Group, op.Connected,
            WireChannel.From(op.Chat), WireChannel.From(op.Call), WireChannel.From(op.Video), op.Skills, op.Websites);

    public OperatorState ToState() =>
        new(Id, Name, Pseudo, Email, ExternalId, Group, Connected, Chat.ToState(), Call.ToState(), Video.ToState())
        {
            Skills = Skills,
            Websites = Websites,
        };
}

public sealed record WireChannel(
    [property: JsonPropertyName("e")] bool Enabled,
    [property: JsonPropertyName("a")] bool Available,
    [property: JsonPropertyName("b")] bool Busy,
    [property: JsonPropertyName("s")] int Slots,
    [property: JsonPropertyName("m")] int MaxSlots,
    [property: JsonPropertyName("st")] ChannelStatus Status,
    [property: JsonPropertyName("t")] DateTimeOffset? Since,
    [property: JsonPropertyName("o")] bool SwitchedOff)
{
    public static WireChannel From(ChannelState state) =>
        new(state.Enabled, state.Available, state.Busy, state.Slots, state.MaxSlots, state.Status, state.Since, state.SwitchedOff);

    public ChannelState ToState() =>
        Status == ChannelStatus.Offline && !Enabled && !Available && !Busy && Slots == 0 && MaxSlots == 0 && Since is null && !SwitchedOff
            ? ChannelState.Offline
            : new(Enabled, Available, Busy, Slots, MaxSlots, Status, Since, SwitchedOff);
}

/// <summary>Reads what instances leave each other in Redis, whichever version wrote it.</summary>
public static class StoredJson
{
    /// <summary>The value, or null when the bytes are none or not one (another version's format, or garbage).</summary>
    public static T? Read<T>(ReadOnlySpan<byte> bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (bytes.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(ReplicaMessage))]
internal sealed partial class ReplicaJson : JsonSerializerContext;
