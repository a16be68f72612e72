using System.Text.Json;
using Refit;

namespace Iadvize.Client;

// The wire surface. Every method answers IApiResponse so that non-2xx answers, whose bodies still carry the
// meta envelope, are read by IadvizeClient rather than thrown.
internal interface IIadvizeApi
{
    [Get("/operator/live")]
    Task<IApiResponse<WireEnvelope<List<WireOperatorLive>>>> GetLiveAsync(
        int page, int limit, int? connected, [Query] IDictionary<string, string>? filters, CancellationToken cancellationToken);

    [Get("/operator/{id}/live")]
    Task<IApiResponse<WireEnvelope<WireOperatorLive>>> GetOperatorLiveAsync(int id, CancellationToken cancellationToken);

    [Put("/operator/{id}/live")]
    Task<IApiResponse<WireEnvelope<JsonElement?>>> SetOperatorLiveAsync(
        int id, [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form, CancellationToken cancellationToken);

    [Get("/operator")]
    Task<IApiResponse<WireEnvelope<List<WireOperator>>>> GetOperatorsAsync(
        int page, int limit, int full, [Query] IDictionary<string, string>? filters, CancellationToken cancellationToken);

    [Get("/operator/{id}")]
    Task<IApiResponse<WireEnvelope<WireOperator>>> GetOperatorAsync(int id, CancellationToken cancellationToken);

    [Get("/operator/{id}/statistic")]
    Task<IApiResponse<WireEnvelope<WireOperatorStatistic>>> GetOperatorStatisticAsync(int id, CancellationToken cancellationToken);

    [Get("/operator/{id}/profile")]
    Task<IApiResponse<WireEnvelope<WireOperatorProfile>>> GetOperatorProfileAsync(int id, CancellationToken cancellationToken);

    [Get("/group/{id}")]
    Task<IApiResponse<WireEnvelope<WireNode>>> GetGroupAsync(int id, CancellationToken cancellationToken);

    [Get("/skill/{id}")]
    Task<IApiResponse<WireEnvelope<WireNode>>> GetSkillAsync(int id, CancellationToken cancellationToken);

    [Get("/website")]
    Task<IApiResponse<WireEnvelope<List<WireWebsite>>>> GetWebsitesAsync(int page, int limit, int full, CancellationToken cancellationToken);

    [Get("/website/{id}")]
    Task<IApiResponse<WireEnvelope<WireWebsite>>> GetWebsiteAsync(int id, CancellationToken cancellationToken);

    [Get("/statistic")]
    Task<IApiResponse<WireEnvelope<List<Dictionary<string, JsonElement>>>>> GetStatisticAsync(
        [Query] IDictionary<string, string> filters, CancellationToken cancellationToken);

    // Lists answer only ids and links unless full=1.
    [Get("/group")]
    Task<IApiResponse<WireEnvelope<List<WireNode>>>> GetGroupsAsync(int page, int limit, int full, CancellationToken cancellationToken);

    [Get("/skill")]
    Task<IApiResponse<WireEnvelope<List<WireNode>>>> GetSkillsAsync(int page, int limit, int full, CancellationToken cancellationToken);
}
