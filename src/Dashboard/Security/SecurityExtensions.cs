using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

public static class SecurityExtensions
{
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>()
            .BindConfiguration(SecurityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<SecurityOptions>>((limiter, security) => SignInThrottle.Configure(limiter, security.Value));
        return builder;
    }

    /// <summary>First in the pipeline, so that what it refuses costs nothing further.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseSecurityHeaders(SecurityHeaders.Policies());
        app.UseMiddleware<OriginCheck>();
        app.UseRateLimiter();
        return app;
    }
}
