using System.ComponentModel.DataAnnotations;

namespace Iadvize.Client;

/// <summary>Where the iAdvize REST API is and how to authenticate against it.</summary>
public sealed class IadvizeOptions : IValidatableObject
{
    public const string SectionName = "Iadvize";

    /// <summary>REST base, e.g. <c>https://sd.iadvize.com/api/2</c>. Unset (with no key) means the embedded simulator.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The API key, sent as the <c>X-API-Key</c> header. Never leaves the server.</summary>
    public string? ApiKey { get; set; }

    public const int DefaultPageParallelism = 4;

    /// <summary>Pages of one list read at the same time (after the first, which says how many there are).</summary>
    public int PageParallelism { get; set; } = DefaultPageParallelism;

    /// <summary>Time allowed for one attempt of one request.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when neither a base URL nor a key is configured: the dashboard then runs on its simulator.</summary>
    public bool UsesSimulator => BaseUrl is null && string.IsNullOrWhiteSpace(ApiKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is not null && (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult("Iadvize:BaseUrl must be an absolute http(s) URL such as https://sd.iadvize.com/api/2.", [nameof(BaseUrl)]);
        }

        if (BaseUrl is not null && string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult("Iadvize:ApiKey is required when Iadvize:BaseUrl is set.", [nameof(ApiKey)]);
        }

        if (BaseUrl is null && !string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult("Iadvize:BaseUrl is required when Iadvize:ApiKey is set.", [nameof(BaseUrl)]);
        }

        if (PageParallelism is < 1 or > 16)
        {
            yield return new ValidationResult("Iadvize:PageParallelism must be between 1 and 16.", [nameof(PageParallelism)]);
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Iadvize:AttemptTimeout must be positive.", [nameof(AttemptTimeout)]);
        }
    }
}
