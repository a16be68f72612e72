using Iadvize.Simulator.Api;
using Iadvize.Simulator.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Iadvize.Simulator;

public static class SimulatorExtensions
{
    /// <summary>
    /// Registers the <see cref="SimulatedPlatform"/> (singleton, on the registered <see cref="TimeProvider"/>) and the
    /// background activity that steps it every <see cref="SimulatorOptions.TickInterval"/>, and the webhook sender (idle unless
    /// <see cref="SimulatorOptions.Webhooks"/> names a secret and a target). Options bind from the
    /// <c>Simulator</c> configuration section, then <paramref name="configure"/> applies.
    /// </summary>
    public static IServiceCollection AddIadvizeSimulator(this IServiceCollection services, Action<SimulatorOptions>? configure = null)
    {
        var options = services.AddOptions<SimulatorOptions>()
            .BindConfiguration(SimulatorOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.TickInterval > TimeSpan.Zero && o.TickInterval <= TimeSpan.FromHours(1), "Simulator:TickInterval must be between 0 (excluded) and 1 hour.")
            .Validate(o => o.Patience > TimeSpan.Zero, "Simulator:Patience must be more than 0.")
            .Validate(o => o.Faults is null || o.Faults.Validate().Count == 0, "Simulator:Faults is invalid: rates between 0 and 1 adding up to at most 1, Latency 0 to 60 s, Hang more than 0 and at most 60 s.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatorOptions>, WebhookOptionsValidation>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SimulatedPlatform(
            sp.GetRequiredService<IOptions<SimulatorOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SimulatorActivity>();

        // A named client, so that a host (or a test) configures its handler through the HTTP client factory.
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigureHttpClient((provider, http) => http.Timeout = provider.GetRequiredService<IOptions<SimulatorOptions>>().Value.Webhooks.Timeout);
        services.TryAddSingleton<WebhookSender>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookSender>());
        // The admin page's form carries an antiforgery token (the host's own antiforgery, when it has one).
        services.AddAntiforgery();
        return services;
    }

    /// <summary>
    /// Maps the simulated iAdvize REST API v2 under <paramref name="prefix"/>, e.g. <c>GET {prefix}/operator/live</c>, and the
    /// simulator's controls under <paramref name="controlPrefix"/>: <c>GET</c>/<c>PUT {controlPrefix}/faults</c> and the
    /// <c>{controlPrefix}/admin</c> page.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">Where the fake API answers, like iAdvize's <c>/api/2</c>.</param>
    /// <param name="controlPrefix">Where the controls answer.</param>
    /// <param name="secureControls">
    /// How a host that has users guards the controls (say, a role); without it they are open to anyone who reaches
    /// them, as the standalone simulator on a developer's machine wants.
    /// </param>
    /// <returns>The group of the API endpoints.</returns>
    public static RouteGroupBuilder MapIadvizeSimulator(
        this IEndpointRouteBuilder endpoints,
        string prefix = "/simulator/api/2",
        string controlPrefix = "/simulator",
        Action<RouteGroupBuilder>? secureControls = null)
    {
        // The fake checks its own API key; the host's user authentication, antiforgery and API description
        // are for the host's endpoints, not for this one.
        var api = endpoints.MapGroup(prefix)
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        SimulatorEndpoints.Map(api);

        // The admin page's form checks its antiforgery token itself (its handler reads the form by hand, which the
        // antiforgery middleware's automatic check does not see); the JSON PUT needs no token, as a browser sends it
        // from another origin only after a CORS preflight that this app never grants.
        var control = endpoints.MapGroup(controlPrefix)
            .DisableAntiforgery()
            .ExcludeFromDescription();
        if (secureControls is null)
        {
            control.AllowAnonymous();
        }
        else
        {
            secureControls(control);
        }

        ControlEndpoints.Map(control);
        return api;
    }
}
