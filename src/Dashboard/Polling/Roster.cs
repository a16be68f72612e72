using System.Collections.Frozen;
using Iadvize.Client;

namespace Dashboard.Polling;

/// <summary>Who the operators are (names, groups), refreshed slowly; joined with each live poll.</summary>
public sealed class Roster
{
    public static readonly Roster Empty = new([], []);

    public Roster(IEnumerable<OperatorDetails> operators, IEnumerable<NamedNode> groups, IEnumerable<NamedNode>? skills = null, IEnumerable<Website>? websites = null)
    {
        Operators = operators.ToFrozenDictionary(o => o.Id);
        GroupNames = groups.ToFrozenDictionary(g => g.Id, g => g.Name);
        SkillNames = (skills ?? []).ToFrozenDictionary(s => s.Id, s => s.Name);
        WebsiteNames = (websites ?? []).ToFrozenDictionary(w => w.Id, w => w.Label);
    }

    public FrozenDictionary<int, string> SkillNames { get; }

    public FrozenDictionary<int, string> WebsiteNames { get; }

    public FrozenDictionary<int, OperatorDetails> Operators { get; }

    public FrozenDictionary<int, string> GroupNames { get; }

    /// <summary>The same roster plus operators read one by one (seen live before the roster knew them).</summary>
    public Roster With(IEnumerable<OperatorDetails> extra) =>
        new(Operators.Values.Concat(extra).DistinctBy(o => o.Id),
            GroupNames.Select(g => new NamedNode(g.Key, g.Value, null)),
            SkillNames.Select(s => new NamedNode(s.Key, s.Value, null)),
            WebsiteNames.Select(w => new Website(w.Key, w.Value, null, null, null)));
}
