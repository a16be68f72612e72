using System.Net;
using System.Text.Json;
using Polly;
using Refit;

namespace Iadvize.Client;

/// <summary>
/// The iAdvize REST API as typed results: reads the meta envelope (the HTTP status alone is not trusted),
/// maps the wire JSON into this library's records, and turns every failure into an <see cref="ApiResult{T}"/>.
/// </summary>
public sealed class IadvizeClient
{
    internal static readonly RefitSettings RefitSettings = new(new SystemTextJsonContentSerializer(WireJson.Options));

    private readonly IIadvizeApi _api;
    private readonly int _parallelism;

    internal IadvizeClient(IIadvizeApi api, int parallelism)
    {
        _api = api;
        _parallelism = parallelism;
    }

    /// <summary>A client over an already configured <see cref="HttpClient"/> (base address and key set); for tools and tests.</summary>
    public static IadvizeClient Create(HttpClient httpClient, int parallelism = IadvizeOptions.DefaultPageParallelism) =>
        new(RestService.For<IIadvizeApi>(httpClient, RefitSettings), parallelism);

    /// <summary>Every operator's live state, every page, offline operators included when <paramref name="includeOffline"/>.</summary>
    public Task<ApiResult<IReadOnlyList<OperatorLive>>> GetAllLiveAsync(bool includeOffline, OperatorFilter? filter, CancellationToken cancellationToken)
    {
        var query = filter?.ToQuery();
        return PageWalker.ReadAllAsync<OperatorLive>(
            (page, token) => CallAsync(
                () => _api.GetLiveAsync(page, PageWalker.MaxLimit, includeOffline ? 0 : null, query, token),
                envelope => ToPage(envelope, page, MapLive)),
            _parallelism,
            cancellationToken);
    }

    public Task<ApiResult<OperatorLive>> GetLiveAsync(int operatorId, CancellationToken cancellationToken) =>
        CallAsync(() => _api.GetOperatorLiveAsync(operatorId, cancellationToken), envelope => MapLive(Required(envelope.Data)));

    /// <summary>Sends the change once (never retried) and answers the upstream's <c>meta.message</c>.</summary>
    public Task<ApiResult<string>> SetAvailabilityAsync(int operatorId, AvailabilityChange change, CancellationToken cancellationToken)
    {
        if (change.IsEmpty)
        {
            throw new ArgumentException("The change sets nothing.", nameof(change));
        }

        return CallAsync(
            () => _api.SetOperatorLiveAsync(operatorId, change.ToForm(), cancellationToken),
            envelope => envelope.Meta?.Message ?? "Done.");
    }

    /// <summary>The whole roster with every field (<c>full=1</c>).</summary>
    public Task<ApiResult<IReadOnlyList<OperatorDetails>>> GetAllOperatorsAsync(OperatorFilter? filter, CancellationToken cancellationToken)
    {
        var query = filter?.ToQuery();
        return PageWalker.ReadAllAsync<OperatorDetails>(
            (page, token) => CallAsync(
                () => _api.GetOperatorsAsync(page, PageWalker.MaxLimit, 1, query, token),
                envelope => ToPage(envelope, page, MapOperator)),
            _parallelism,
            cancellationToken);
    }

    public Task<ApiResult<OperatorDetails>> GetOperatorAsync(int operatorId, CancellationToken cancellationToken) =>
        CallAsync(() => _api.GetOperatorAsync(operatorId, cancellationToken), envelope => MapOperator(Required(envelope.Data)));

    public Task<ApiResult<IReadOnlyList<NamedNode>>> GetAllGroupsAsync(CancellationToken cancellationToken) =>
        PageWalker.ReadAllAsync<NamedNode>(
            (page, token) => CallAsync(() => _api.GetGroupsAsync(page, PageWalker.MaxLimit, 1, token), envelope => ToPage(envelope, page, MapNode)),
            _parallelism,
            cancellationToken);

    public Task<ApiResult<IReadOnlyList<NamedNode>>> GetAllSkillsAsync(CancellationToken cancellationToken) =>
        PageWalker.ReadAllAsync<NamedNode>(
            (page, token) => CallAsync(() => _api.GetSkillsAsync(page, PageWalker.MaxLimit, 1, token), envelope => ToPage(envelope, page, MapNode)),
            _parallelism,
            cancellationToken);

    public Task<ApiResult<OperatorStatistic>> GetOperatorStatisticAsync(int operatorId, CancellationToken cancellationToken) =>
        CallAsync(() => _api.GetOperatorStatisticAsync(operatorId, cancellationToken), envelope =>
        {
            var wire = Required(envelope.Data);
            return new OperatorStatistic(wire.Id == 0 ? operatorId : wire.Id, wire.ConversationNumber, wire.Experience);
        });

    public Task<ApiResult<OperatorProfile>> GetOperatorProfileAsync(int operatorId, CancellationToken cancellationToken) =>
        CallAsync(() => _api.GetOperatorProfileAsync(operatorId, cancellationToken), envelope =>
        {
            var wire = Required(envelope.Data);
            return new OperatorProfile(wire.UserId == 0 ? operatorId : wire.UserId, wire.Status, wire.Description, wire.City, wire.Country, wire.Facebook, wire.Twitter);
        });

    public Task<ApiResult<NamedNode>> GetGroupAsync(int groupId, CancellationToken cancellationToken) =>
        CallAsync(() => _api.GetGroupAsync(groupId, cancellationToken), envelope => MapNode(Required(envelope.Data)));

    public Task<ApiResult<NamedNode>> GetSkillAsync(int skillId, CancellationToken cancellationToken) =>
        CallAsync(() => _api.GetSkillAsync(skillId, cancellationToken), envelope => MapNode(Required(envelope.Data)));

    public Task<ApiResult<IReadOnlyList<Website>>> GetAllWebsitesAsync(CancellationToken cancellationToken) =>
        PageWalker.ReadAllAsync<Website>(
            (page, token) => CallAsync(() => _api.GetWebsitesAsync(page, PageWalker.MaxLimit, 1, token), envelope => ToPage(envelope, page, MapWebsite)),
            _parallelism,
            cancellationToken);

    public Task<ApiResult<Website>> GetWebsiteAsync(int websiteId, CancellationToken cancellationToken) =>
        CallAsync(() => _api.GetWebsiteAsync(websiteId, cancellationToken), envelope => MapWebsite(Required(envelope.Data)));

    /// <summary>Aggregate indicators (demand next to capacity: waiting and missed contacts, occupation).</summary>
    public Task<ApiResult<IReadOnlyList<StatisticRow>>> GetStatisticAsync(StatisticQuery query, CancellationToken cancellationToken) =>
        CallAsync(() => _api.GetStatisticAsync(query.ToQuery(), cancellationToken), envelope =>
            (IReadOnlyList<StatisticRow>)[.. (envelope.Data ?? []).Select(row => MapStatistic(row, query.Indicators))]);

    private static StatisticRow MapStatistic(Dictionary<string, JsonElement> row, IReadOnlyList<string> indicators)
    {
        var values = indicators.ToDictionary(name => name, name => row.TryGetValue(name, out var value) ? Number(value) : null);
        return new StatisticRow(values, Text(row, "resource"), Number(row.GetValueOrDefault("resource_id")) is { } id ? (int)id : null, Text(row, "date"));
    }

    // Indicators come as numbers, numeric strings or null; anything else is not a figure.
    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static string? Text(Dictionary<string, JsonElement> row, string name) =>
        row.TryGetValue(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Null ? null : value.GetRawText() : null;

    private static Website MapWebsite(WireWebsite wire) => new(wire.Id, wire.Label ?? wire.Url ?? $"#{wire.Id}", wire.Url, wire.Timezone, wire.Currency);

    private static Page<TOut> ToPage<TWire, TOut>(WireEnvelope<List<TWire>> envelope, int requestedPage, Func<TWire, TOut> map)
    {
        var items = (envelope.Data ?? []).Select(map).ToList();
        // A list without a pagination block is a single page.
        return envelope.Pagination is { } pagination
            ? new Page<TOut>(items, pagination.Page == 0 ? requestedPage : pagination.Page, pagination.Pages)
            : new Page<TOut>(items, requestedPage, requestedPage);
    }

    private static T Required<T>(T? value) where T : class =>
        value ?? throw new JsonException("The envelope has no data.");

    private static OperatorLive MapLive(WireOperatorLive wire) =>
        new(wire.Id, wire.Connected, MapChannel(wire.Chat), MapChannel(wire.Call), MapChannel(wire.Video));

    private static ChannelLive MapChannel(WireChannel? wire) =>
        wire is null ? new ChannelLive(false, 0, 0, false, false) : new ChannelLive(wire.Enabled, wire.SlotNumber, wire.SlotMaxNumber, wire.Busy, wire.Available);

    private static OperatorDetails MapOperator(WireOperator wire) =>
        new(wire.Id, wire.Name, wire.FirstName, wire.Pseudo, wire.Email, wire.ExternalId, wire.GroupId,
            wire.SkillList ?? [], wire.WebsiteList ?? [], wire.ChatEnabled, wire.CallEnabled, wire.VideoEnabled)
        {
            Roles = wire.Roles ?? [],
            Languages = wire.LanguageList ?? [],
        };

    private static NamedNode MapNode(WireNode wire) => new(wire.Id, wire.Name ?? wire.Label ?? $"#{wire.Id}", wire.ParentId);

    private static async Task<ApiResult<TOut>> CallAsync<TWire, TOut>(
        Func<Task<IApiResponse<WireEnvelope<TWire>>>> call, Func<WireEnvelope<TWire>, TOut> map)
    {
        IApiResponse<WireEnvelope<TWire>> response;
        try
        {
            response = await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or ExecutionRejectedException or TimeoutException
            || (exception is TaskCanceledException canceled && canceled.InnerException is TimeoutException))
        {
            return Failure<TOut>(ApiOutcome.Unreachable, $"The iAdvize API did not answer: {exception.Message}");
        }

        using (response)
        {
            return Read(response, map);
        }
    }

    private static ApiResult<TOut> Read<TWire, TOut>(IApiResponse<WireEnvelope<TWire>> response, Func<WireEnvelope<TWire>, TOut> map)
    {
        if (response.StatusCode is not { } code)
        {
            return Failure<TOut>(ApiOutcome.Unreachable, $"The iAdvize API did not answer: {response.Error?.Message}");
        }

        var status = (int)code;
        if (code == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = RetryAfter(response);
            var wait = retryAfter is { } delay ? $" for {Math.Ceiling(delay.TotalSeconds)} s" : "";
            return Failure<TOut>(ApiOutcome.RateLimited, response.ReasonPhrase == RequestBudgetHandler.LocalReason
                ? $"The dashboard's own request budget is spent; waiting{wait}."
                : $"The iAdvize API asks us to slow down (HTTP 429); waiting{wait}.", status, retryAfter);
        }

        if (status >= 500)
        {
            return Failure<TOut>(ApiOutcome.ServerError, $"The iAdvize API failed (HTTP {status}).", status);
        }

        if (response.IsSuccessStatusCode && response.Content is { } envelope)
        {
            if (envelope.Meta is not { Status: not null } successMeta)
            {
                return Failure<TOut>(ApiOutcome.Malformed, "The iAdvize API answered without a meta status.", status);
            }

            if (successMeta.Status != "success")
            {
                return FromMeta<TOut>(successMeta, status);
            }

            try
            {
                return ApiResult<TOut>.Ok(map(envelope), successMeta.Message);
            }
            catch (JsonException exception)
            {
                return Failure<TOut>(ApiOutcome.Malformed, $"The iAdvize API answer could not be read: {exception.Message}", status);
            }
        }

        // Refit does not deserialize error answers; their body still carries the envelope that says what went wrong.
        var meta = TryReadMeta((response.Error as ApiException)?.Content);
        if (meta?.Status is not null)
        {
            return FromMeta<TOut>(meta, status);
        }

        return code switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => Failure<TOut>(ApiOutcome.KeyRejected, "The iAdvize API rejected the API key.", status),
            _ when response.IsSuccessStatusCode => Failure<TOut>(ApiOutcome.Malformed, "The iAdvize API answer is not the documented JSON.", status),
            _ => Failure<TOut>(ApiOutcome.Fail, $"The iAdvize API refused the request (HTTP {status}).", status),
        };
    }

    private static ApiResult<TOut> FromMeta<TOut>(WireMeta meta, int status) => meta.Status switch
    {
        "fail" => Failure<TOut>(ApiOutcome.Fail, meta.Message ?? "The iAdvize API refused the request.", status),
        "error" => Failure<TOut>(ApiOutcome.KeyRejected, meta.Message is null or "Forbidden"
            ? "The iAdvize API rejected the API key (Forbidden)."
            : $"The iAdvize API reported an error: {meta.Message}", status),
        _ => Failure<TOut>(ApiOutcome.Malformed, $"The iAdvize API answered an unknown status '{meta.Status}'.", status),
    };

    private static WireMeta? TryReadMeta(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<WireEnvelope<JsonElement>>(body, WireJson.Options)?.Meta;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(IApiResponse response)
    {
        var header = response.Headers?.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    private static ApiResult<TOut> Failure<TOut>(ApiOutcome outcome, string message, int? status = null, TimeSpan? retryAfter = null) =>
        new(outcome, default, message, status, retryAfter);
}
