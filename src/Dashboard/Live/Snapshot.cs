using System.Diagnostics;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Dashboard.Live;

/// <summary>Every operator at one moment. Immutable: a new snapshot replaces the old one whole.</summary>
public sealed class Snapshot
{
    public static readonly Snapshot Empty = new(0, null, []);

    // Where each operator sits in Operators. Never written after construction, so the snapshots that follow share it
    // for as long as no operator is added, removed or renamed: most cycles then build no index at all.
    private readonly Dictionary<int, int> _indexById;

    public Snapshot(long sequence, DateTimeOffset? takenAt, IEnumerable<OperatorState> operators)
    {
        var sorted = operators.ToArray();
        // Sorted once here so that every reader gets a stable, readable order without sorting again.
        Array.Sort(sorted, OperatorOrder.Instance);
        Sequence = sequence;
        TakenAt = takenAt;
        Operators = ImmutableCollectionsMarshal.AsImmutableArray(sorted);
        _indexById = IndexOf(sorted);
    }

    private Snapshot(long sequence, DateTimeOffset? takenAt, ImmutableArray<OperatorState> operators, Dictionary<int, int> indexById)
    {
        Sequence = sequence;
        TakenAt = takenAt;
        Operators = operators;
        _indexById = indexById;
    }

    /// <summary>The sequence number of the last change set applied.</summary>
    public long Sequence { get; }

    /// <summary>When the upstream last confirmed this picture; null before the first successful poll.</summary>
    public DateTimeOffset? TakenAt { get; }

    /// <summary>Sorted by name, then id.</summary>
    public ImmutableArray<OperatorState> Operators { get; }

    /// <summary>
    /// The headline figures over every operator, counted once per snapshot for every page and reader that shows them all:
    /// an unfiltered page pays nothing per change set for them, however many operators there are.
    /// </summary>
    public KpiSet Kpis => _kpis ??= KpiSet.Compute(Operators);

    // Two readers at once may both count; they get equal figures, and one of them is kept.
    private KpiSet? _kpis;

    public OperatorState? Find(int operatorId) => _indexById.TryGetValue(operatorId, out var index) ? Operators[index] : null;

    public bool Contains(int operatorId) => _indexById.ContainsKey(operatorId);

    internal bool TryGetIndex(int operatorId, out int index) => _indexById.TryGetValue(operatorId, out index);

    /// <summary>The same operators under a new number and time: a quiet poll costs one small object.</summary>
    internal Snapshot Renumbered(long sequence, DateTimeOffset? takenAt) => new(sequence, takenAt, Operators, _indexById);

    /// <summary>
    /// New states for the same operators in the same places (no one added, removed or renamed), so the index is shared.
    /// The caller hands over <paramref name="operators"/> and never writes to it again.
    /// </summary>
    internal Snapshot WithSamePlaces(OperatorState[] operators, long sequence, DateTimeOffset? takenAt)
    {
        Debug.Assert(operators.Length == Operators.Length, "Same places means the same count.");
        return new(sequence, takenAt, ImmutableCollectionsMarshal.AsImmutableArray(operators), _indexById);
    }

    /// <summary>Operators already in <see cref="OperatorOrder"/>; the caller hands the array over.</summary>
    internal static Snapshot FromSorted(OperatorState[] sorted, long sequence, DateTimeOffset? takenAt) =>
        new(sequence, takenAt, ImmutableCollectionsMarshal.AsImmutableArray(sorted), IndexOf(sorted));

    private static Dictionary<int, int> IndexOf(OperatorState[] sorted)
    {
        var index = new Dictionary<int, int>(sorted.Length);
        for (var i = 0; i < sorted.Length; i++)
        {
            // Add, not the indexer: two operators with one id would make Find answer only one of them.
            index.Add(sorted[i].Id, i);
        }

        return index;
    }
}

/// <summary>The order of <see cref="Snapshot.Operators"/>: by name ignoring case, then by id.</summary>
internal sealed class OperatorOrder(StringComparer names) : IComparer<OperatorState>
{
    // One culture for every writer: the poller and a circuit publishing a verified change run on threads whose cultures
    // may differ, and a snapshot placed by binary search must be sorted the way it is searched.
    public static readonly OperatorOrder Instance = new(StringComparer.InvariantCultureIgnoreCase);

    public int Compare(OperatorState? x, OperatorState? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byName = names.Compare(x.Name, y.Name);
        return byName != 0 ? byName : x.Id.CompareTo(y.Id);
    }
}
