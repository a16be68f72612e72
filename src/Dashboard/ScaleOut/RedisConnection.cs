using StackExchange.Redis;

namespace Dashboard.ScaleOut;

/// <summary>Redis did not answer at start; the message names the setting to check.</summary>
public sealed class RedisUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>The one Redis connection of an instance.</summary>
public static class RedisConnection
{
    /// <summary>
    /// Connects, or throws <see cref="RedisUnavailableException"/> when Redis does not answer: an instance cannot start
    /// without it (its Data Protection keys are there, and it would wait for them), so it stops at once, saying why,
    /// rather than hang. Once connected, Redis going away is an outage to ride out: the client reconnects by itself, the
    /// lease and the replication wait, followers show stale until the next snapshot.
    /// </summary>
    public static IConnectionMultiplexer Open(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        // Only the first connection: later losses are always retried by the client.
        configuration.AbortOnConnectFail = true;
        try
        {
            return ConnectionMultiplexer.Connect(configuration);
        }
        catch (RedisConnectionException exception)
        {
            var endpoints = string.Join(", ", configuration.EndPoints.Select(endpoint => endpoint is System.Net.DnsEndPoint dns ? $"{dns.Host}:{dns.Port}" : endpoint.ToString()));
            throw new RedisUnavailableException(
                $"Redis at {endpoints} did not answer (check Redis:ConnectionString, Redis__ConnectionString in the environment): {FirstLine(exception.Message)}",
                exception);
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
