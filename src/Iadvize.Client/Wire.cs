using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iadvize.Client;

// The JSON exactly as iAdvize sends it. These types never leave this assembly: callers get the records of Models.cs.

internal sealed record WireEnvelope<T>(WireMeta? Meta, T? Data, WirePagination? Pagination);

internal sealed record WireMeta(string? Status, string? Message);

internal sealed record WirePagination(int Page, int Pages, int Limit, int Count);

internal sealed record WireChannel(bool Enabled, int SlotNumber, int SlotMaxNumber, bool Busy, bool Available);

internal sealed record WireOperatorLive(int Id, bool Connected, WireChannel? Chat, WireChannel? Call, WireChannel? Video);

internal sealed record WireOperator(
    int Id,
    string? Name,
    string? FirstName,
    string? Pseudo,
    string? Email,
    string? ExternalId,
    int? GroupId,
    List<int>? SkillList,
    List<int>? WebsiteList,
    bool ChatEnabled,
    bool CallEnabled,
    bool VideoEnabled);

internal sealed record WireNode(int Id, string? Name, string? Label, int? ParentId);

internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
