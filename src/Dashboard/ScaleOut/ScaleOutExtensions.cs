using Dashboard.Polling;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.ScaleOut;

public static class ScaleOutExtensions
{
    /// <summary>
    /// With <c>Redis:ConnectionString</c>, what several instances share: one Redis connection for the Data Protection keys,
    /// the SignalR backplane, the polling lease and the picture's replication. Without it, one instance that always polls.
    /// After <see cref="Storage.StorageExtensions.AddStorage"/>, whose key store this replaces.
    /// </summary>
    public static IHostApplicationBuilder AddScaleOut(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScaleOutOptions>()
            .BindConfiguration(ScaleOutOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ScaleOutOptions>, ScaleOutStorageValidation>();
        builder.Services.AddSingleton<IValidateOptions<ScaleOutOptions>, ScaleOutUpstreamValidation>();
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{ScaleOutOptions.SectionName}:{nameof(ScaleOutOptions.ConnectionString)}"]))
        {
            builder.Services.AddSingleton<IPollingLease, SingleInstanceLease>();
            return builder;
        }

        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
            RedisConnection.Open(services.GetRequiredService<IOptions<ScaleOutOptions>>().Value.ConnectionString!));

        // A cookie or a TV link signed by one instance must open on every other.
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer, IOptions<ScaleOutOptions>>((keys, redis, options) =>
                keys.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), $"{options.Value.Prefix}:data-protection-keys"));

        builder.Services.AddSignalR().AddStackExchangeRedis();
        builder.Services.AddOptions<RedisOptions>()
            .Configure<IConnectionMultiplexer, IOptions<ScaleOutOptions>>((backplane, redis, options) =>
            {
                backplane.ConnectionFactory = _ => Task.FromResult(redis);
                backplane.Configuration.ChannelPrefix = RedisChannel.Literal(options.Value.Prefix);
            });

        builder.Services.AddSingleton<Commands.IOperatorLocks, RedisOperatorLocks>();
        builder.Services.AddSingleton<Webhooks.IDeliveryMemory, RedisDeliveryMemory>();

        // Subscribed before the lease is sought, so that no message of the polling instance is missed at start.
        builder.Services.AddSingleton<LiveReplication>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveReplication>());
        builder.Services.AddSingleton<Webhooks.IOperatorRefresher>(services => services.GetRequiredService<LiveReplication>());
        builder.Services.AddSingleton<RedisInstanceReports>();
        builder.Services.AddSingleton<Status.IInstanceReports>(services => services.GetRequiredService<RedisInstanceReports>());
        builder.Services.AddHostedService(services => services.GetRequiredService<RedisInstanceReports>());
        builder.Services.AddSingleton<RedisPollingLease>();
        builder.Services.AddSingleton<IPollingLease>(services => services.GetRequiredService<RedisPollingLease>());
        builder.Services.AddHostedService(services => services.GetRequiredService<RedisPollingLease>());
        return builder;
    }
}
