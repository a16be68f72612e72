using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Iadvize.Simulator.Api;

// The JSON shapes of the iAdvize REST API v2, written from its documentation. Kept apart from the
// simulator's own model so a rename there never changes the wire.

internal sealed record Meta(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null);

internal sealed record Pagination(int Page, int Pages, int Limit, int Count);

internal sealed record Envelope(
    Meta Meta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Data = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Pagination? Pagination = null);

internal sealed record ResourceLink(int Id, [property: JsonPropertyName("_link")] string Link);

internal sealed record LiveChannelResource(bool Enabled, int SlotNumber, int SlotMaxNumber, bool Busy, bool Available)
{
    public static LiveChannelResource From(SimulatedChannel channel) =>
        new(channel.Enabled, channel.SlotNumber, channel.SlotMaxNumber, channel.Busy, channel.Available);
}

internal sealed record LiveResource(int Id, bool Connected, LiveChannelResource Chat, LiveChannelResource Call, LiveChannelResource Video)
{
    public static LiveResource From(SimulatedLive live) =>
        new(live.Id, live.Connected, LiveChannelResource.From(live.Chat), LiveChannelResource.From(live.Call), LiveChannelResource.From(live.Video));
}

internal sealed record OperatorResource(
    int Id,
    string Name,
    string FirstName,
    string Pseudo,
    string Email,
    string ExternalId,
    string Role,
    IReadOnlyList<string> Roles,
    bool ChatEnabled,
    bool CallEnabled,
    bool VideoEnabled,
    int ChatMaxNumber,
    bool ChatAndCall,
    bool ChatToVideo,
    int ChatPriority,
    int CallPriority,
    int VideoPriority,
    IReadOnlyList<string> LanguageList,
    string LanguageAdmin,
    int GroupId,
    IReadOnlyList<int> WebsiteList,
    IReadOnlyList<int> SkillList,
    [property: JsonPropertyName("_link")] string Link)
{
    public static OperatorResource From(OperatorProfile o) => new(
        o.Id, o.Name, o.FirstName, o.Pseudo, o.Email, o.ExternalId, o.Role, o.Roles,
        o.ChatEnabled, o.CallEnabled, o.VideoEnabled, o.ChatMaxNumber, o.ChatAndCall, o.ChatToVideo,
        o.ChatPriority, o.CallPriority, o.VideoPriority, o.LanguageList, o.LanguageAdmin,
        o.GroupId, o.WebsiteList, o.SkillList, $"/operator/{o.Id}");
}

internal sealed record OperatorStatisticResource(int Id, long ConversationNumber, double SatisfactionGlobalRate, int Experience);

internal sealed record OperatorProfileResource(int UserId, string Status, string Description, string Facebook, string Twitter, string City, string Country)
{
    public static OperatorProfileResource From(OperatorPublicProfile p) =>
        new(p.UserId, p.Status, p.Description, p.Facebook, p.Twitter, p.City, p.Country);
}

internal sealed record GroupResource(
    int Id,
    string Name,
    string CreatedAt,
    int? ParentId,
    IReadOnlyList<int> OperatorList,
    IReadOnlyList<int> ParentList,
    [property: JsonPropertyName("_link")] string Link)
{
    public static GroupResource From(GroupInfo g) =>
        new(g.Id, g.Name, g.CreatedAt, g.ParentId, g.OperatorList, g.ParentList, $"/group/{g.Id}");
}

internal sealed record SkillResource(
    int Id,
    string Name,
    int Order,
    string CreatedAt,
    int? ParentId,
    IReadOnlyList<int> OperatorList,
    [property: JsonPropertyName("_link")] string Link)
{
    public static SkillResource From(SkillInfo s) =>
        new(s.Id, s.Name, s.Order, s.CreatedAt, s.ParentId, s.OperatorList, $"/skill/{s.Id}");
}

internal sealed record WebsiteResource(
    int Id,
    string Url,
    string Label,
    int ClientId,
    string Currency,
    string LanguageAdmin,
    string Timezone,
    [property: JsonPropertyName("_link")] string Link)
{
    public static WebsiteResource From(WebsiteInfo w) =>
        new(w.Id, w.Url, w.Label, w.ClientId, w.Currency, w.LanguageAdmin, w.Timezone, $"/website/{w.Id}");
}

internal static class Wire
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static IResult Success(object data, Pagination? pagination = null) =>
        Results.Json(new Envelope(new Meta("success"), data, pagination), JsonOptions);

    public static IResult Message(string message) =>
        Results.Json(new Envelope(new Meta("success", message)), JsonOptions);

    public static IResult Forbidden() =>
        Results.Json(new Envelope(new Meta("error", "Forbidden")), JsonOptions, statusCode: StatusCodes.Status403Forbidden);

    public static IResult Error(int statusCode, string message) =>
        Results.Json(new Envelope(new Meta("error", message)), JsonOptions, statusCode: statusCode);

    public static IResult Unknown(string resource, string id) =>
        Fail(StatusCodes.Status404NotFound, $"Unknown '{resource}' with 'id' {id}.");

    public static IResult Invalid(string message) => Fail(StatusCodes.Status400BadRequest, message);

    private static IResult Fail(int statusCode, string message) =>
        Results.Json(new Envelope(new Meta("fail", message)), JsonOptions, statusCode: statusCode);
}
