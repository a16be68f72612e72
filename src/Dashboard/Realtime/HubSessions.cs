using System.Collections.Concurrent;
using Dashboard.Auth;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Realtime;

/// <summary>
/// The hub's open connections, so that those whose sign-in has ended can be closed: at once when it is signed out on this
/// instance (<see cref="SignOuts.Ended"/>), otherwise by <see cref="HubSessionSweeper"/>.
/// </summary>
public sealed class HubSessions : IDisposable
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();
    private readonly SignOuts _signOuts;
    private readonly ILogger<HubSessions> _logger;

    public HubSessions(SignOuts signOuts, ILogger<HubSessions> logger)
    {
        _signOuts = signOuts;
        _logger = logger;
        _signOuts.Ended += Close;
    }

    public int Count => _connections.Count;

    public void Add(HubCallerContext connection) => _connections[connection.ConnectionId] = connection;

    public void Remove(HubCallerContext connection) => _connections.TryRemove(connection.ConnectionId, out _);

    public ICollection<HubCallerContext> Connections => _connections.Values;

    public void Dispose() => _signOuts.Ended -= Close;

    // A web socket is one request at its start: nothing else would check its cookie again.
    private void Close(string session)
    {
        foreach (var connection in _connections.Values.Where(c => SignOuts.IsSession(c.User, session)))
        {
            _logger.LogInformation("Closing hub connection {Connection} of {User}: signed out.", connection.ConnectionId, connection.User?.Identity?.Name);
            Remove(connection);
            connection.Abort();
        }
    }
}

/// <summary>
/// Every <see cref="AuthOptions.RevalidationInterval"/>, closes the hub connections whose account was disabled, re-roled
/// or reset (or whose single sign-on is too old). A WebSocket is one request at its start, so without this a reader
/// whose account was disabled would go on receiving the live picture.
/// </summary>
internal sealed class HubSessionSweeper(
    HubSessions sessions,
    AccountCheck accounts,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<HubSessionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RevalidationInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Checking the hub connections' accounts failed; tried again in {Interval}.", options.Value.RevalidationInterval);
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in sessions.Connections)
        {
            if (connection.User is not { } user || await accounts.CurrentRoleAsync(user, cancellationToken) is null)
            {
                logger.LogInformation("Closing hub connection {Connection} of {User}: the sign-in has ended.", connection.ConnectionId, connection.User?.Identity?.Name);
                sessions.Remove(connection);
                connection.Abort();
            }
        }
    }
}
