using System.Collections;
using System.Collections.Immutable;
using Dashboard.Live;

namespace Dashboard.Components.Widgets;

/// <summary>A line of the dashboard's grid: an operator's row, or the heading of a group (its name and how many follow).</summary>
public readonly record struct GridLine(OperatorState? Operator, string? Group, int Count)
{
    /// <summary>One line per operator, without a copy: the lines read the array as they are asked for.</summary>
    public static IList<GridLine> Wrap(ImmutableArray<OperatorState> operators) => new OperatorLines(operators);

    /// <summary>
    /// The operators under a heading per group, groups by name (operators in no group last), each group keeping the order
    /// of <paramref name="ordered"/>.
    /// </summary>
    public static IList<GridLine> ByGroup(ImmutableArray<OperatorState> ordered)
    {
        var lines = new List<GridLine>(ordered.Length + 16);
        var groups = ordered.GroupBy(o => o.Group ?? "")
            .OrderBy(g => g.Key.Length == 0)
            .ThenBy(g => g.Key, StringComparer.CurrentCultureIgnoreCase);
        foreach (var group in groups)
        {
            var members = group.ToList();
            lines.Add(new GridLine(null, group.Key.Length == 0 ? TeamKind.Group.NoTeam() : group.Key, members.Count));
            lines.AddRange(members.Select(op => new GridLine(op, null, 0)));
        }

        return lines;
    }

    // Read-only; an IList so that Virtualize takes a window by index rather than by walking from the start.
    private sealed class OperatorLines(ImmutableArray<OperatorState> operators) : IList<GridLine>
    {
        public int Count => operators.Length;

        public bool IsReadOnly => true;

        public GridLine this[int index]
        {
            get => new(operators[index], null, 0);
            set => throw new NotSupportedException();
        }

        public IEnumerator<GridLine> GetEnumerator()
        {
            foreach (var op in operators)
            {
                yield return new GridLine(op, null, 0);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public int IndexOf(GridLine item) => item.Operator is { } op ? operators.IndexOf(op) : -1;

        public bool Contains(GridLine item) => IndexOf(item) >= 0;

        public void CopyTo(GridLine[] array, int arrayIndex)
        {
            for (var i = 0; i < operators.Length; i++)
            {
                array[arrayIndex + i] = this[i];
            }
        }

        public void Add(GridLine item) => throw new NotSupportedException();

        public void Clear() => throw new NotSupportedException();

        public void Insert(int index, GridLine item) => throw new NotSupportedException();

        public bool Remove(GridLine item) => throw new NotSupportedException();

        public void RemoveAt(int index) => throw new NotSupportedException();
    }
}
