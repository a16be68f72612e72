using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Iadvize.Simulator.Api;

internal static class SimulatorEndpoints
{
    private const string FormContentType = "application/x-www-form-urlencoded";
    private const string ConnectedField = "connected";

    private static readonly object RawBodyKey = new();

    public static void Map(RouteGroupBuilder api)
    {
        // Recording comes first so that even a rejected PUT shows what the client sent.
        api.AddEndpointFilter(RecordWrites);
        api.AddEndpointFilter(FaultInjection.Apply);
        api.AddEndpointFilter(RequireApiKey);

        api.MapGet("/operator", ListOperators);
        api.MapGet("/operator/live", ListLive);
        api.MapGet("/operator/{id}", GetOperator);
        api.MapGet("/operator/{id}/live", GetLive);
        api.MapPut("/operator/{id}/live", PutLive);
        api.MapGet("/operator/{id}/statistic", GetOperatorStatistic);
        api.MapGet("/operator/{id}/profile", GetOperatorProfile);
        api.MapGet("/statistic", StatisticEndpoints.Get);

        api.MapGet("/group", ListGroups);
        api.MapGet("/group/{id}", (string id, SimulatedPlatform platform) =>
            GetOne(platform.Population.Groups, g => g.Id, GroupResource.From, "group", id));

        api.MapGet("/skill", ListSkills);
        api.MapGet("/skill/{id}", (string id, SimulatedPlatform platform) =>
            GetOne(platform.Population.Skills, s => s.Id, SkillResource.From, "skill", id));

        api.MapGet("/website", (HttpRequest request, SimulatedPlatform platform) =>
            List(request, platform.Population.Websites, w => w.Id, WebsiteResource.From, "website"));
        api.MapGet("/website/{id}", (string id, SimulatedPlatform platform) =>
            GetOne(platform.Population.Websites, w => w.Id, WebsiteResource.From, "website", id));
    }

    private static async ValueTask<object?> RecordWrites(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsPut(http.Request.Method))
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8, leaveOpen: true);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            http.Items[RawBodyKey] = body;
            var path = (http.Request.PathBase + http.Request.Path).Value ?? "/";
            Platform(http).Record(http.Request.Method, path, http.Request.ContentType, body);
        }

        return await next(context);
    }

    private static async ValueTask<object?> RequireApiKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        return HasApiKey(http.Request, Platform(http).ApiKey) ? await next(context) : Wire.Forbidden();
    }

    private static bool HasApiKey(HttpRequest request, string apiKey)
    {
        if (string.Equals(request.Headers["X-API-Key"], apiKey, StringComparison.Ordinal)
            || string.Equals(request.Query["key"], apiKey, StringComparison.Ordinal))
        {
            return true;
        }

        // HTTP Basic: the key is the user name, the password is ignored.
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? credentials : credentials[..colon];
            return string.Equals(user, apiKey, StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static IResult ListOperators(HttpRequest request, SimulatedPlatform platform)
    {
        if (!Paging.TryRead(request.Query, out var paging, out var error)
            || !OperatorFilter.TryRead(request.Query, out var filter, out error))
        {
            return Wire.Invalid(error);
        }

        var matches = platform.Population.Operators.Where(filter.Matches).ToList();
        var page = paging.Slice(matches);
        object data = IsFull(request)
            ? page.Select(OperatorResource.From).ToList()
            : page.Select(o => new ResourceLink(o.Id, $"/operator/{o.Id}")).ToList();
        return Wire.Success(data, paging.Describe(matches.Count));
    }

    private static IResult ListLive(HttpRequest request, SimulatedPlatform platform)
    {
        if (!Paging.TryRead(request.Query, out var paging, out var error)
            || !OperatorFilter.TryRead(request.Query, out var filter, out error)
            || !TryReadIncludeOffline(request.Query, out var includeOffline, out error))
        {
            return Wire.Invalid(error);
        }

        // The documented quirk: "If your operators have skills or groups, you need to specify it in your request."
        var scoped = OperatorFilter.TryGetFilter(request.Query, "group_id", out _) || OperatorFilter.TryGetFilter(request.Query, "skill_id", out _);
        Func<OperatorProfile, bool> match = platform.HideScopedOperators && !scoped
            ? o => o.GroupId == 0 && o.SkillList.Count == 0 && filter.Matches(o)
            : filter.Matches;
        var (items, count) = platform.QueryLive(match, includeOffline, paging.Skip, paging.Limit);
        return Wire.Success(items.Select(LiveResource.From).ToList(), paging.Describe(count));
    }

    // The documentation calls connected=0 a filter; clients send it either way.
    private static bool TryReadIncludeOffline(IQueryCollection query, out bool includeOffline, [NotNullWhen(false)] out string? error)
    {
        includeOffline = false;
        error = null;
        OperatorFilter.TryGetFilter(query, ConnectedField, out var filtered);
        foreach (var value in new[] { filtered, query[ConnectedField].ToString() })
        {
            switch (value)
            {
                case "":
                case "1":
                    break;
                case "0":
                    includeOffline = true;
                    break;
                default:
                    error = $"Invalid value '{value}' for filter 'connected': expected 0 or 1.";
                    return false;
            }
        }

        return true;
    }

    private static IResult GetOperator(string id, SimulatedPlatform platform) =>
        TryParseId(id, out var operatorId) && platform.FindProfile(operatorId) is { } profile
            ? Wire.Success(OperatorResource.From(profile))
            : Wire.Unknown("operator", id);

    private static IResult GetLive(string id, SimulatedPlatform platform) =>
        TryParseId(id, out var operatorId) && platform.GetLive(operatorId) is { } live
            ? Wire.Success(LiveResource.From(live))
            : Wire.Unknown("operator", id);

    private static IResult GetOperatorStatistic(string id, SimulatedPlatform platform) =>
        TryParseId(id, out var operatorId) && platform.GetStatistic(operatorId) is var (conversations, experience, satisfaction)
            ? Wire.Success(new OperatorStatisticResource(operatorId, conversations, satisfaction, experience))
            : Wire.Unknown("operator", id);

    private static IResult GetOperatorProfile(string id, SimulatedPlatform platform) =>
        TryParseId(id, out var operatorId) && platform.GetPublicProfile(operatorId) is { } profile
            ? Wire.Success(OperatorProfileResource.From(profile))
            : Wire.Unknown("operator", id);

    private static IResult PutLive(string id, HttpContext http, SimulatedPlatform platform)
    {
        if (!TryParseId(id, out var operatorId) || platform.FindProfile(operatorId) is null)
        {
            return Wire.Unknown("operator", id);
        }

        if (!IsForm(http.Request.ContentType))
        {
            return Wire.Invalid($"The body must be {FormContentType}: chat[available]=0|1, call[available]=0|1, video[available]=0|1 or connected=0.");
        }

        var form = QueryHelpers.ParseQuery(http.Items[RawBodyKey] as string);
        if (form.Count == 0)
        {
            return Wire.Invalid("Nothing to set: send chat[available], call[available], video[available] or connected.");
        }

        var known = Channels.All.Select(AvailableField).Append(ConnectedField).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (form.Keys.FirstOrDefault(key => !known.Contains(key)) is { } unknown)
        {
            return Wire.Invalid($"Unknown field '{unknown}': expected chat[available], call[available], video[available] or connected.");
        }

        var availability = new List<(Channel Channel, bool Available)>();
        var messages = new List<string>();
        foreach (var channel in Channels.All)
        {
            var field = AvailableField(channel);
            if (!form.TryGetValue(field, out var value))
            {
                continue;
            }

            if (value.Count != 1 || (value != "0" && value != "1"))
            {
                return Wire.Invalid($"Invalid value '{value}' for '{field}': expected 0 (unavailable) or 1 (available).");
            }

            var available = value == "1";
            availability.Add((channel, available));
            messages.Add($"Operator is now {(available ? "available" : "unavailable")} for {Channels.Name(channel)} channel.");
        }

        var disconnect = form.TryGetValue(ConnectedField, out var connected);
        if (disconnect)
        {
            if (connected.Count != 1 || connected != "0")
            {
                return Wire.Invalid($"Invalid value '{connected}' for 'connected': 0 (offline) is the only possible value.");
            }

            messages.Add("Operator is now disconnected.");
        }

        platform.ApplyLiveUpdate(operatorId, availability, disconnect);
        return Wire.Message(string.Join(' ', messages));
    }

    private static IResult ListGroups(HttpRequest request, SimulatedPlatform platform)
    {
        IEnumerable<GroupInfo> groups = platform.Population.Groups;
        if (OperatorFilter.TryGetFilter(request.Query, "parent_id", out var parentText))
        {
            if (!TryParseId(parentText, out var parentId))
            {
                return Wire.Invalid($"Invalid value '{parentText}' for filter 'parent_id': expected an integer identifier.");
            }

            groups = groups.Where(g => g.ParentId == parentId);
        }

        return List(request, groups, g => g.Id, GroupResource.From, "group");
    }

    private static IResult ListSkills(HttpRequest request, SimulatedPlatform platform)
    {
        IEnumerable<SkillInfo> skills = platform.Population.Skills;
        foreach (var name in new[] { "parent_id", "operator_id" })
        {
            if (!OperatorFilter.TryGetFilter(request.Query, name, out var text))
            {
                continue;
            }

            if (!TryParseId(text, out var value))
            {
                return Wire.Invalid($"Invalid value '{text}' for filter '{name}': expected an integer identifier.");
            }

            skills = name == "parent_id"
                ? skills.Where(s => s.ParentId == value)
                : skills.Where(s => s.OperatorList.Contains(value));
        }

        return List(request, skills, s => s.Id, SkillResource.From, "skill");
    }

    private static IResult List<T>(HttpRequest request, IEnumerable<T> items, Func<T, int> id, Func<T, object> full, string resource)
    {
        if (!Paging.TryRead(request.Query, out var paging, out var error))
        {
            return Wire.Invalid(error);
        }

        var matches = items.OrderBy(id).ToList();
        var page = paging.Slice(matches);
        object data = IsFull(request)
            ? page.Select(full).ToList()
            : page.Select(item => new ResourceLink(id(item), $"/{resource}/{id(item)}")).ToList();
        return Wire.Success(data, paging.Describe(matches.Count));
    }

    private static IResult GetOne<T>(IEnumerable<T> items, Func<T, int> id, Func<T, object> full, string resource, string requested)
        where T : class =>
        TryParseId(requested, out var value) && items.FirstOrDefault(item => id(item) == value) is { } found
            ? Wire.Success(full(found))
            : Wire.Unknown(resource, requested);

    private static string AvailableField(Channel channel) => $"{Channels.Name(channel)}[available]";

    private static bool IsFull(HttpRequest request) => request.Query["full"] == "1";

    private static bool IsForm(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim();
        return string.Equals(mediaType, FormContentType, StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryParseId(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    private static SimulatedPlatform Platform(HttpContext http) => http.RequestServices.GetRequiredService<SimulatedPlatform>();
}
