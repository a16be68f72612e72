using Dashboard.Polling;
using Iadvize.Client;
using Microsoft.Extensions.Options;

namespace Dashboard.Operators;

/// <summary>What iAdvize says about one operator beyond the live picture, for the details page.</summary>
/// <param name="Roles">iAdvize roles (<c>operator</c>, <c>expert</c>, <c>manager</c>, <c>admin</c>).</param>
/// <param name="Languages">Languages the operator answers in (ISO 639-1 codes).</param>
public sealed record UpstreamOperatorDetails(IReadOnlyList<string> Roles, IReadOnlyList<string> Languages);

/// <summary>The details, or in plain words why there are none.</summary>
public sealed record OperatorLookupResult(UpstreamOperatorDetails? Details, string? Problem)
{
    public static OperatorLookupResult Failed(string problem) => new(null, problem);
}

/// <summary>Reads one operator's details from the upstream on demand (a person opening the details page).</summary>
public interface IOperatorLookup
{
    Task<OperatorLookupResult> ReadAsync(int operatorId, CancellationToken cancellationToken);
}

/// <summary>
/// From the roster when it lists the operator, otherwise <c>GET /operator/{id}</c> through the client, mapped into the dashboard's own record. It spends the same request
/// budget as the poller, and leaves the live poll and the commands their share: a page of details is a comfort, the
/// live picture is the product.
/// </summary>
public sealed class OperatorLookup(
    IServiceScopeFactory scopes,
    PollCycle poll,
    IOptions<PollingOptions> options,
    ILogger<OperatorLookup> logger,
    RequestBudget budget) : IOperatorLookup
{
    public async Task<OperatorLookupResult> ReadAsync(int operatorId, CancellationToken cancellationToken)
    {
        // The roster (GET /operator?full=1, refreshed every few minutes) already has them for every operator it lists.
        if (poll.Roster.Operators.TryGetValue(operatorId, out var known))
        {
            return new OperatorLookupResult(new UpstreamOperatorDetails(known.Roles, known.Languages), null);
        }

        if (budget.Remaining - options.Value.ReservedForCommands - poll.LiveRequestsPerCycle < 1)
        {
            return OperatorLookupResult.Failed("Not asked now: the dashboard keeps its iAdvize request budget for the live picture. Reload the page in a minute.");
        }

        using var scope = scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IadvizeClient>();
        var result = await client.GetOperatorAsync(operatorId, cancellationToken);
        if (!result.IsSuccess || result.Value is not { } details)
        {
            logger.LogInformation("Details of operator {Operator} could not be read: {Message} ({Outcome}).", operatorId, result.Message, result.Outcome);
            return OperatorLookupResult.Failed(result.Message ?? "The iAdvize API did not say why.");
        }

        return new OperatorLookupResult(new UpstreamOperatorDetails(details.Roles, details.Languages), null);
    }
}
