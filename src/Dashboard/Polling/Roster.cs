using System.Collections.Frozen;
using Iadvize.Client;

namespace Dashboard.Polling;

/// <summary>Who the operators are (names, groups), refreshed slowly; joined with each live poll.</summary>
public sealed class Roster
{
    public static readonly Roster Empty = new([], []);

    public Roster(IEnumerable<OperatorDetails> operators, IEnumerable<NamedNode> groups)
    {
        Operators = operators.ToFrozenDictionary(o => o.Id);
        GroupNames = groups.ToFrozenDictionary(g => g.Id, g => g.Name);
    }

    public FrozenDictionary<int, OperatorDetails> Operators { get; }

    public FrozenDictionary<int, string> GroupNames { get; }

    /// <summary>The same roster plus operators read one by one (seen live before the roster knew them).</summary>
    public Roster With(IEnumerable<OperatorDetails> extra) =>
        new(Operators.Values.Concat(extra).DistinctBy(o => o.Id), GroupNames.Select(g => new NamedNode(g.Key, g.Value, null)));
}
