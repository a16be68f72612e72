using Dashboard.DayCurve;
using Dashboard.Live;
using Dashboard.Polling;
using Iadvize.Client;
using Microsoft.Extensions.Options;

namespace Dashboard.Demand;

/// <summary>
/// One read of today's demand: <c>GET /statistic</c> once per channel (never per operator), published to the
/// <see cref="DemandStore"/> when every channel answered, then the missed opportunities per hour for the day's curve
/// (one request per kind: iAdvize splits by hour one indicator at a time), published to the <see cref="DayCurveStore"/>.
/// A read that fails, or is not made, leaves the last figures in place and says why. It yields to the live poll: it is not made when the request budget, less the commands' reserve
/// and the next live poll, has no room for it, nor while the upstream asked to slow down or refused the key.
/// </summary>
public sealed class DemandReader(
    IServiceScopeFactory scopes,
    DemandStore store,
    DayCurveStore curve,
    AvailabilityStore live,
    PollCycle poll,
    RequestBudget budget,
    IOptions<PollingOptions> polling,
    IOptions<DemandOptions> options,
    TimeProvider time,
    ILogger<DemandReader> logger)
{
    private static readonly TimeSpan DefaultBackOff = TimeSpan.FromSeconds(60);

    // Every channel's day totals, then each kind of missed opportunity per hour.
    private static readonly int RequestsPerRead = ChannelKinds.All.Count + HourlyQuery.Indicators.Count;

    private DateTimeOffset? _waitUntil;

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (WhyNotNow(now) is { } reason)
        {
            logger.LogDebug("Demand not read now: {Reason}", reason);
            store.CountSkipped();
            store.ReportProblem(reason);
            curve.ReportHourlyProblem(reason);
            return;
        }

        var zone = options.Value.ResolveZone(time);
        var from = DemandQuery.StartOfDay(now, zone);
        using var scope = scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IadvizeClient>();
        var channels = new ChannelDemand[ChannelKinds.All.Count];
        foreach (var channel in ChannelKinds.All)
        {
            var result = await client.GetStatisticAsync(DemandQuery.For(channel, from, now), cancellationToken);
            store.CountRead(result.IsSuccess && result.Value is not null);
            if (!result.IsSuccess || result.Value is null)
            {
                Fail(channel, result, now);
                return;
            }

            channels[(int)channel] = DemandQuery.Map(channel, result.Value);
        }

        var at = time.GetUtcNow();
        store.Publish(
            new DemandFigures(from, channels[(int)ChannelKind.Chat], channels[(int)ChannelKind.Call], channels[(int)ChannelKind.Video]),
            TimeZoneInfo.ConvertTime(at, zone),
            at + (2 * options.Value.Interval));
        await ReadHourlyAsync(client, from, now, cancellationToken);
    }

    private async Task ReadHourlyAsync(IadvizeClient client, DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kinds = new Dictionary<DateTimeOffset, double?>[HourlyQuery.Indicators.Count];
        for (var i = 0; i < kinds.Length; i++)
        {
            var indicator = HourlyQuery.Indicators[i];
            var result = await client.GetStatisticAsync(HourlyQuery.For(indicator, from, now), cancellationToken);
            store.CountRead(result.IsSuccess && result.Value is not null);
            if (!result.IsSuccess || result.Value is null)
            {
                Fail($"Reading the missed opportunities per hour failed: {result.Message}", result, now);
                return;
            }

            kinds[i] = HourlyQuery.Map(indicator, result.Value);
        }

        var at = time.GetUtcNow();
        curve.PublishHourly(new HourlyMissed(from, HourlyQuery.Combine(kinds[0], kinds[1]), at, at + (2 * options.Value.Interval)));
    }

    private string? WhyNotNow(DateTimeOffset now)
    {
        var health = live.Health;
        if (health.KeyRejected)
        {
            return "The iAdvize API rejected the API key.";
        }

        if ((_waitUntil is { } until && now < until) || (health.NextAttemptAt is { } next && now < next))
        {
            return "The iAdvize API asked us to slow down; trying again later.";
        }

        // The same rule as the webhook reads: what is left after the commands' reserve and the next live poll.
        var spare = budget.Remaining - polling.Value.ReservedForCommands - poll.LiveRequestsPerCycle;
        return spare < RequestsPerRead
            ? "The request budget is kept for the live poll and people's changes; trying again later."
            : null;
    }

    private void Fail(ChannelKind channel, ApiResult<IReadOnlyList<StatisticRow>> result, DateTimeOffset now)
    {
        var problem = $"Reading the {channel.ToWire()} statistics failed: {result.Message}";
        Fail(problem, result, now);
        store.ReportProblem(problem);
    }

    // The hourly figures are read after the day's: whichever failed, they were not updated.
    private void Fail(string problem, ApiResult<IReadOnlyList<StatisticRow>> result, DateTimeOffset now)
    {
        if (result.Outcome == ApiOutcome.RateLimited)
        {
            _waitUntil = now + (result.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : DefaultBackOff);
        }

        logger.LogWarning("{Problem} ({Outcome})", problem, result.Outcome);
        curve.ReportHourlyProblem(problem);
    }
}
