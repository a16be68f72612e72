using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Refit;

namespace Iadvize.Client;

public static class IadvizeClientExtensions
{
    /// <summary>
    /// Registers <see cref="IadvizeClient"/> with the standard resilience handler. Unsafe methods (the availability PUT)
    /// are never retried: a retried PUT could apply a change the user has since undone.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="resolveBaseUrl">Where the API is; by default <see cref="IadvizeOptions.BaseUrl"/>. The dashboard passes its own
    /// address here when it serves the embedded simulator.</param>
    public static IHttpClientBuilder AddIadvizeClient(this IServiceCollection services, Func<IServiceProvider, (Uri BaseUrl, string ApiKey)>? resolveBaseUrl = null)
    {
        services.AddOptions<IadvizeOptions>()
            .BindConfiguration(IadvizeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        resolveBaseUrl ??= provider =>
        {
            var options = provider.GetRequiredService<IOptions<IadvizeOptions>>().Value;
            return (options.BaseUrl ?? throw new InvalidOperationException("Iadvize:BaseUrl is not set."), options.ApiKey ?? "");
        };

        var builder = services
            .AddRefitGeneratedClient<IIadvizeApi>(IadvizeClient.RefitSettings)
            .ConfigureHttpClient((provider, http) =>
            {
                var (baseUrl, apiKey) = resolveBaseUrl(provider);
                // Refit joins paths to the base address; a trailing slash would double it.
                http.BaseAddress = new Uri(baseUrl.ToString().TrimEnd('/'));
                http.DefaultRequestHeaders.Remove("X-API-Key");
                http.DefaultRequestHeaders.Add("X-API-Key", apiKey);
            });

        builder.AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions options, IServiceProvider provider) =>
            {
                var iadvize = provider.GetRequiredService<IOptions<IadvizeOptions>>().Value;
                options.AttemptTimeout.Timeout = iadvize.AttemptTimeout;
                options.Retry.DisableForUnsafeHttpMethods();
            });

        services.AddTransient(provider => new IadvizeClient(provider.GetRequiredService<IIadvizeApi>()));
        return builder;
    }
}
