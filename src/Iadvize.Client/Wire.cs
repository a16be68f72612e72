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
    bool VideoEnabled,
    List<string>? Roles = null,
    List<string>? LanguageList = null);

internal sealed record WireNode(int Id, string? Name, string? Label, int? ParentId);

internal sealed record WireOperatorStatistic(int Id, int ConversationNumber, int? Experience, double? SatisfactionGlobalRate);

internal sealed record WireOperatorProfile(int UserId, string? Status, string? Description, string? Facebook, string? Twitter, string? City, string? Country);

internal sealed record WireWebsite(int Id, string? Url, string? Label, int? ClientId, string? Currency, string? LanguageAdmin, string? Timezone);

internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = Create(withSingleOrArray: true);

    // The same settings without the single-or-array converter, for that converter's own use (it must not call itself).
    internal static readonly JsonSerializerOptions Plain = Create(withSingleOrArray: false);

    private static JsonSerializerOptions Create(bool withSingleOrArray)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        if (withSingleOrArray)
        {
            options.Converters.Add(new SingleOrArrayConverterFactory());
        }

        return options;
    }
}

/// <summary>
/// Some endpoints answer one resource as <c>data: {...}</c>, others as <c>data: [{...}]</c>; a single-resource record
/// accepts both (an array must hold exactly one item).
/// </summary>
internal sealed class SingleOrArrayConverterFactory : JsonConverterFactory
{
    private static readonly HashSet<Type> SingleResources =
    [
        typeof(WireOperatorLive), typeof(WireOperator), typeof(WireNode), typeof(WireOperatorStatistic), typeof(WireOperatorProfile), typeof(WireWebsite),
    ];

    public override bool CanConvert(Type typeToConvert) => SingleResources.Contains(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(SingleOrArrayConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class SingleOrArrayConverter<T> : JsonConverter<T>
        where T : class
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return JsonSerializer.Deserialize<T>(ref reader, WireJson.Plain);
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return null;
            }

            var single = JsonSerializer.Deserialize<T>(ref reader, WireJson.Plain);
            reader.Read();
            return reader.TokenType == JsonTokenType.EndArray
                ? single
                : throw new JsonException($"Expected one {typeof(T).Name[4..]}, found several.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, WireJson.Plain);
    }
}
