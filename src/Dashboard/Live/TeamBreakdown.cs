namespace Dashboard.Live;

/// <summary>What operators are divided into teams by; the wire names are the query-string filters of <c>/</c>.</summary>
public enum TeamKind
{
    Group,
    Skill,
    Website,
}

public static class TeamKinds
{
    public static readonly IReadOnlyList<TeamKind> All = [TeamKind.Group, TeamKind.Skill, TeamKind.Website];

    /// <summary>
    /// What separates the names in <see cref="OperatorState.Skills"/> and <see cref="OperatorState.Websites"/>. A group is
    /// one name, whatever it contains.
    /// </summary>
    public const string ListSeparator = ", ";

    /// <summary>The query-string filter of <c>/</c> for this kind, and its <c>data-</c> attribute on a breakdown row.</summary>
    public static string ToWire(this TeamKind kind) => kind switch
    {
        TeamKind.Group => "group",
        TeamKind.Skill => "skill",
        TeamKind.Website => "website",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static TeamKind? FromWire(string? wire) =>
        All.Cast<TeamKind?>().FirstOrDefault(k => string.Equals(k!.Value.ToWire(), wire?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string ToLabel(this TeamKind kind) => kind switch
    {
        TeamKind.Group => "Group",
        TeamKind.Skill => "Skill",
        _ => "Website",
    };

    /// <summary>
    /// The team of the operators who have none of this kind ("No group"). It is shown as a team and read back as a filter
    /// value, so that a click on that team shows those operators.
    /// </summary>
    public static string NoTeam(this TeamKind kind) => kind switch
    {
        TeamKind.Group => "No group",
        TeamKind.Skill => "No skill",
        _ => "No website",
    };

    /// <summary>The operator's teams of this kind as the state holds them: one group name, or names joined by <see cref="ListSeparator"/>.</summary>
    public static string? TeamsOf(this TeamKind kind, OperatorState op) => kind switch
    {
        TeamKind.Group => op.Group,
        TeamKind.Skill => op.Skills,
        _ => op.Websites,
    };

    /// <summary>The team of this kind that <paramref name="filter"/> narrows the view to, if any.</summary>
    public static string? In(this TeamKind kind, ViewFilter filter) => kind switch
    {
        TeamKind.Group => filter.Group,
        TeamKind.Skill => filter.Skill,
        _ => filter.Website,
    };

    /// <summary>Whether <paramref name="op"/> is in the team named <paramref name="name"/> (any case), "No group" included.</summary>
    public static bool Includes(this TeamKind kind, OperatorState op, string name)
    {
        var teams = kind.TeamsOf(op);
        if (string.IsNullOrEmpty(teams))
        {
            return SameName(kind.NoTeam(), name);
        }

        return kind == TeamKind.Group
            ? SameName(teams, name)
            : teams.Split(ListSeparator).Any(team => SameName(team, name));
    }

    /// <summary>Team names compare as people type them in a filter: ignoring case.</summary>
    public static bool SameName(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One team's headline figures; <see cref="IsNoTeam"/> for the operators with no team of the kind.</summary>
public sealed record TeamFigures(string Name, bool IsNoTeam, KpiSet Kpis);

/// <summary>The headline figures per team, from the same <see cref="KpiTally"/> as the headline band. Pure.</summary>
public static class TeamBreakdown
{
    /// <summary>
    /// One pass over <paramref name="operators"/>: each is added to each of its teams (an operator with three skills counts
    /// in three), or to the no-team row. Teams by name, the no-team row last.
    /// </summary>
    public static IReadOnlyList<TeamFigures> Compute(IEnumerable<OperatorState> operators, TeamKind kind)
    {
        // Ordinal: names come from the roster, spelled the same on every operator. Looked up by span so that splitting a
        // list of skills allocates nothing per operator.
        var tallies = new Dictionary<string, KpiTally>(StringComparer.OrdinalIgnoreCase);
        var byName = tallies.GetAlternateLookup<ReadOnlySpan<char>>();
        KpiTally? noTeam = null;
        foreach (var op in operators)
        {
            var teams = kind.TeamsOf(op);
            if (string.IsNullOrEmpty(teams))
            {
                (noTeam ??= new KpiTally()).Add(op);
            }
            else if (kind == TeamKind.Group)
            {
                TallyOf(byName, teams).Add(op);
            }
            else
            {
                // The list is sorted: a name given twice (two skills of one name) is adjacent, and counted once.
                var previous = ReadOnlySpan<char>.Empty;
                foreach (var range in teams.AsSpan().Split(TeamKinds.ListSeparator))
                {
                    var name = teams.AsSpan(range);
                    if (name.IsEmpty || name.Equals(previous, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    previous = name;
                    TallyOf(byName, name).Add(op);
                }
            }
        }

        var result = new List<TeamFigures>(tallies.Count + 1);
        result.AddRange(tallies.Select(t => new TeamFigures(t.Key, false, t.Value.ToKpiSet()))
            .OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase));
        if (noTeam is not null)
        {
            result.Add(new TeamFigures(kind.NoTeam(), true, noTeam.ToKpiSet()));
        }

        return result;
    }

    private static KpiTally TallyOf(Dictionary<string, KpiTally>.AlternateLookup<ReadOnlySpan<char>> byName, ReadOnlySpan<char> name)
    {
        if (!byName.TryGetValue(name, out var tally))
        {
            tally = new KpiTally();
            byName[name] = tally;
        }

        return tally;
    }
}
