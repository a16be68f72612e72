using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Polling;
using Iadvize.Client;

namespace Dashboard.ScaleOut;

/// <summary>
/// The polling instance's roster as it is kept in Redis for the others: who the operators are (for the details page)
/// and the names of groups, skills and websites (for the filter menus). Written when the roster changes, under a new
/// <paramref name="Version"/> that every snapshot and health message names (<see cref="ReplicaMessage.RosterVersion"/>):
/// a follower holding another version reads it again. A key rather than a message, so that an instance that starts, or
/// missed the change, finds it without anyone sending it again.
/// </summary>
public sealed record WireRoster(
    [property: JsonPropertyName("v")] Guid Version,
    [property: JsonPropertyName("o")] IReadOnlyList<WireRosterOperator> Operators,
    [property: JsonPropertyName("g")] IReadOnlyDictionary<int, string> Groups,
    [property: JsonPropertyName("s")] IReadOnlyDictionary<int, string> Skills,
    [property: JsonPropertyName("w")] IReadOnlyDictionary<int, string> Websites)
{
    public static WireRoster From(Guid version, Roster roster) =>
        new(version, [.. roster.Operators.Values.Select(WireRosterOperator.From)], roster.GroupNames, roster.SkillNames, roster.WebsiteNames);

    public Roster ToRoster() =>
        new(Operators.Select(op => op.ToDetails()),
            Groups.Select(g => new NamedNode(g.Key, g.Value, null)),
            Skills.Select(s => new NamedNode(s.Key, s.Value, null)),
            Websites.Select(w => new Website(w.Key, w.Value, null, null, null)));

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, RosterJson.Default.WireRoster);

    /// <summary>The roster, or null when the bytes are not one (another version's format, or nothing stored yet).</summary>
    public static WireRoster? Deserialize(ReadOnlySpan<byte> bytes) => StoredJson.Read(bytes, RosterJson.Default.WireRoster);
}

/// <summary>One operator of the roster: what <see cref="OperatorDetails"/> holds that the dashboard reads.</summary>
public sealed record WireRosterOperator(
    [property: JsonPropertyName("i")] int Id,
    [property: JsonPropertyName("n")] string? Name,
    [property: JsonPropertyName("f")] string? FirstName,
    [property: JsonPropertyName("p")] string? Pseudo,
    [property: JsonPropertyName("e")] string? Email,
    [property: JsonPropertyName("x")] string? ExternalId,
    [property: JsonPropertyName("g")] int? GroupId,
    [property: JsonPropertyName("sk")] IReadOnlyList<int>? SkillIds,
    [property: JsonPropertyName("ws")] IReadOnlyList<int>? WebsiteIds,
    [property: JsonPropertyName("ce")] bool ChatEnabled,
    [property: JsonPropertyName("ae")] bool CallEnabled,
    [property: JsonPropertyName("ve")] bool VideoEnabled,
    [property: JsonPropertyName("r")] IReadOnlyList<string>? Roles,
    [property: JsonPropertyName("l")] IReadOnlyList<string>? Languages)
{
    public static WireRosterOperator From(OperatorDetails op) =>
        new(op.Id, op.Name, op.FirstName, op.Pseudo, op.Email, op.ExternalId, op.GroupId, op.SkillIds, op.WebsiteIds,
            op.ChatEnabled, op.CallEnabled, op.VideoEnabled, op.Roles, op.Languages);

    public OperatorDetails ToDetails() =>
        new(Id, Name, FirstName, Pseudo, Email, ExternalId, GroupId, SkillIds ?? [], WebsiteIds ?? [], ChatEnabled, CallEnabled, VideoEnabled)
        {
            Roles = Roles ?? [],
            Languages = Languages ?? [],
        };
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(WireRoster))]
internal sealed partial class RosterJson : JsonSerializerContext;
