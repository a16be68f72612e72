using System.Threading.RateLimiting;
using Dashboard.Audit;
using Dashboard.Commands;
using Dashboard.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Realtime;

/// <summary>
/// Limits the availability changes each person asks for through the hub (<see cref="SecurityOptions.HubCommandsPerMinute"/>),
/// refused ones included, with the rate limiter's fixed window per person. A call over the limit goes nowhere (no read, no
/// PUT, no audit row of its own) and is counted by <see cref="OverLimitRefusals"/>.
/// </summary>
internal sealed class HubCommandLimit : IHubFilter, IDisposable
{
    public const string OverLimitMessage = "Too many changes asked in a minute: this one was not sent. Wait a moment, then try again.";

    private static readonly string[] Commands = [nameof(AvailabilityHub.SetChannelAvailability), nameof(AvailabilityHub.Disconnect)];

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly OverLimitRefusals _refusals;

    public HubCommandLimit(IOptions<SecurityOptions> options, OverLimitRefusals refusals)
    {
        _refusals = refusals;
        var perMinute = options.Value.HubCommandsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(person => RateLimitPartition.GetFixedWindowLimiter(
            person,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!Commands.Contains(invocationContext.HubMethodName))
        {
            return await next(invocationContext);
        }

        var actor = CommandActor.From(invocationContext.Context.User, CommandActor.Hub);
        using var lease = _limiter.AttemptAcquire(actor.Name);
        if (lease.IsAcquired)
        {
            return await next(invocationContext);
        }

        _refusals.Add(actor);
        return new CommandResult(false, OverLimitMessage);
    }

    public void Dispose() => _limiter.Dispose();
}
