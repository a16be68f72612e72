using Dashboard.Status;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.ScaleOut;

/// <summary>
/// Every instance's report for the status page, in one Redis hash: each instance writes its own every
/// <see cref="Every"/> and removes it when it stops; a report older than three periods is an instance that died, and is
/// dropped. The page on any instance then lists them all, its own always fresh.
/// </summary>
public sealed class RedisInstanceReports(
    IConnectionMultiplexer redis,
    InstanceFigures figures,
    IOptions<ScaleOutOptions> options,
    TimeProvider time,
    ILogger<RedisInstanceReports> logger) : BackgroundService, IInstanceReports
{
    /// <summary>How often an instance publishes its report.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private readonly RedisKey _key = $"{options.Value.Prefix}:instances";

    public async Task<InstanceReports> ReadAllAsync(CancellationToken cancellationToken)
    {
        var own = figures.Now();
        HashEntry[] entries;
        try
        {
            entries = await redis.GetDatabase().HashGetAllAsync(_key).WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "The other instances' reports could not be read from Redis.");
            return new InstanceReports([own], "Redis does not answer: only this instance is listed.");
        }

        var reports = new List<InstanceReport> { own };
        var gone = new List<RedisValue>();
        foreach (var entry in entries)
        {
            if (entry.Name == own.Id)
            {
                continue;
            }

            if (InstanceReport.Deserialize((byte[])entry.Value!) is { } report && own.ReportedAt - report.ReportedAt <= 3 * Every)
            {
                reports.Add(report);
            }
            else
            {
                gone.Add(entry.Name);
            }
        }

        if (gone.Count > 0)
        {
            await redis.GetDatabase().HashDeleteAsync(_key, gone.ToArray(), CommandFlags.FireAndForget);
        }

        return new InstanceReports([.. reports.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.StartedAt)], null);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                await redis.GetDatabase().HashSetAsync(_key, figures.Id, figures.Now().Serialize());
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // The next tick tries again; meanwhile the other instances' pages miss this one.
                logger.LogDebug(exception, "This instance's report could not be written to Redis.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // A stopped instance leaves the list at once rather than after three periods (a rolling deploy).
            await redis.GetDatabase().HashDeleteAsync(_key, figures.Id);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogDebug(exception, "This instance's report could not be removed from Redis; it ages out.");
        }
    }
}
