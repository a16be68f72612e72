using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Refit;

namespace Iadvize.Client;

public static class IadvizeClientExtensions
{
    /// <summary>
    /// Registers <see cref="IadvizeClient"/> with the standard resilience handler and a <see cref="RequestBudget"/> spent by
    /// every attempt. Unsafe methods (the availability PUT) are never retried: a retried PUT could apply a change the user
    /// has since undone. A 429 is not retried either: the caller backs off for its Retry-After as a whole.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="requestsPerMinute">The budget: at most this many requests reach the upstream in any minute.</param>
    /// <param name="resolveBaseUrl">Where the API is; by default <see cref="IadvizeOptions.BaseUrl"/>. The dashboard passes its own
    /// address here when it serves the embedded simulator.</param>
    public static IHttpClientBuilder AddIadvizeClient(
        this IServiceCollection services, int requestsPerMinute, Func<IServiceProvider, (Uri BaseUrl, string ApiKey)>? resolveBaseUrl = null)
    {
        services.AddOptions<IadvizeOptions>()
            .BindConfiguration(IadvizeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        resolveBaseUrl ??= provider =>
        {
            // CurrentValue: a reloaded key is used by the next client created (one per poll cycle or command).
            var options = provider.GetRequiredService<IOptionsMonitor<IadvizeOptions>>().CurrentValue;
            return (options.BaseUrl ?? throw new InvalidOperationException("Iadvize:BaseUrl is not set."), options.ApiKey ?? "");
        };

        services.AddSingleton(provider => new RequestBudget(requestsPerMinute, provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddTransient<RequestBudgetHandler>();

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
                options.TotalRequestTimeout.Timeout = iadvize.AttemptTimeout * 3;
                options.CircuitBreaker.SamplingDuration = iadvize.AttemptTimeout * 2;
                options.Retry.ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests && HttpClientResiliencePredicates.IsTransient(args.Outcome));
                options.Retry.DisableForUnsafeHttpMethods();
            });
        // Added after the resilience handler, so it sits inside it: every retry attempt is spent from the budget too.
        builder.AddHttpMessageHandler<RequestBudgetHandler>();

        services.AddTransient(provider => new IadvizeClient(
            provider.GetRequiredService<IIadvizeApi>(), provider.GetRequiredService<IOptions<IadvizeOptions>>().Value.PageParallelism));
        return builder;
    }
}
