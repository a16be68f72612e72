using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Dashboard.Live;

/// <summary>Every operator at one moment. Immutable: a new snapshot replaces the old one whole.</summary>
public sealed class Snapshot
{
    public static readonly Snapshot Empty = new(0, null, []);

    private readonly FrozenDictionary<int, OperatorState> _byId;

    public Snapshot(long sequence, DateTimeOffset? takenAt, IEnumerable<OperatorState> operators)
    {
        Sequence = sequence;
        TakenAt = takenAt;
        // Sorted once here so that every reader gets a stable, readable order without sorting again.
        Operators = [.. operators.OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(o => o.Id)];
        _byId = Operators.ToFrozenDictionary(o => o.Id);
    }

    /// <summary>The sequence number of the last change set applied.</summary>
    public long Sequence { get; }

    /// <summary>When the upstream last confirmed this picture; null before the first successful poll.</summary>
    public DateTimeOffset? TakenAt { get; }

    /// <summary>Sorted by name, then id.</summary>
    public ImmutableArray<OperatorState> Operators { get; }

    public OperatorState? Find(int operatorId) => _byId.GetValueOrDefault(operatorId);

    public bool Contains(int operatorId) => _byId.ContainsKey(operatorId);
}
