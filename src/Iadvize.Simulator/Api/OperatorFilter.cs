using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Iadvize.Simulator.Api;

/// <summary>The <c>filters[...]</c> of the operator resource, all of which must match.</summary>
internal sealed class OperatorFilter
{
    private readonly List<Func<OperatorProfile, bool>> _conditions = [];

    public bool Matches(OperatorProfile profile) => _conditions.TrueForAll(condition => condition(profile));

    public static bool TryRead(IQueryCollection query, out OperatorFilter filter, [NotNullWhen(false)] out string? error)
    {
        filter = new OperatorFilter();
        error = null;
        var conditions = filter._conditions;

        if (TryGetFilter(query, "id", out var id))
        {
            if (!TryParseId("id", id, out var value, out error))
            {
                return false;
            }

            conditions.Add(o => o.Id == value);
        }

        if (TryGetFilter(query, "group_id", out var groupId))
        {
            if (!TryParseId("group_id", groupId, out var value, out error))
            {
                return false;
            }

            conditions.Add(o => o.GroupId == value);
        }

        if (TryGetFilter(query, "website_id", out var websiteId))
        {
            if (!TryParseId("website_id", websiteId, out var value, out error))
            {
                return false;
            }

            conditions.Add(o => o.WebsiteList.Contains(value));
        }

        if (TryGetFilter(query, "website_list", out var websiteList))
        {
            var values = new HashSet<int>();
            foreach (var part in websiteList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!TryParseId("website_list", part, out var value, out error))
                {
                    return false;
                }

                values.Add(value);
            }

            conditions.Add(o => o.WebsiteList.Any(values.Contains));
        }

        if (TryGetFilter(query, "skill_id", out var skillId))
        {
            if (!TryParseId("skill_id", skillId, out var value, out error))
            {
                return false;
            }

            conditions.Add(o => o.SkillList.Contains(value));
        }

        if (TryGetFilter(query, "name", out var name))
        {
            conditions.Add(o => Wildcard.Matches(o.Name, name));
        }

        if (TryGetFilter(query, "external_id", out var externalId))
        {
            conditions.Add(o => Wildcard.Matches(o.ExternalId, externalId));
        }

        if (TryGetFilter(query, "email", out var email))
        {
            conditions.Add(o => Wildcard.Matches(o.Email, email));
        }

        return true;
    }

    /// <summary>Reads <c>filters[name]</c>; an empty value is no filter.</summary>
    public static bool TryGetFilter(IQueryCollection query, string name, out string value)
    {
        value = query.TryGetValue($"filters[{name}]", out StringValues values) ? values.ToString() : string.Empty;
        return value.Length > 0;
    }

    private static bool TryParseId(string filter, string text, out int value, [NotNullWhen(false)] out string? error)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            error = null;
            return true;
        }

        error = $"Invalid value '{text}' for filter '{filter}': expected an integer identifier.";
        return false;
    }
}

/// <summary>Case-insensitive text match where <c>*</c> stands for any run of characters.</summary>
internal static class Wildcard
{
    public static bool Matches(string value, string pattern)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return string.Equals(value, pattern, StringComparison.OrdinalIgnoreCase);
        }

        var parts = pattern.Split('*');
        if (!value.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var position = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var at = value.IndexOf(parts[i], position, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            position = at + parts[i].Length;
        }

        var last = parts[^1];
        return value.Length - position >= last.Length && value.EndsWith(last, StringComparison.OrdinalIgnoreCase);
    }
}
