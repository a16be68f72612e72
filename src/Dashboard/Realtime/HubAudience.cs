using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Live;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Realtime;

/// <summary>
/// Who sees what over the hub: an operator's e-mail and external id are details (Supervisor and Manager, as on
/// <c>/operators/{id}</c> and in the export); a Viewer's connection gets the same picture without them.
/// </summary>
internal static class HubAudience
{
    /// <summary>The SignalR group of connections that see operators' details.</summary>
    public const string Details = "details";

    /// <summary>The SignalR group of connections that see availability only.</summary>
    public const string AvailabilityOnly = "availability-only";

    // Scaled out, the Redis backplane carries a group send to every instance; each instance sends its own store's change
    // sets, so each addresses only its own connections, through groups of its own.
    private static readonly string Instance = Guid.NewGuid().ToString("N");

    /// <summary>The SignalR group, on this instance only, of the connections of <paramref name="audience"/>.</summary>
    public static string Local(string audience) => $"{audience}@{Instance}";

    /// <summary>Details for those the <see cref="AuthExtensions.SupervisorPolicy"/> lets see them, as the export does.</summary>
    public static async Task<string> GroupOfAsync(IAuthorizationService authorization, ClaimsPrincipal? user) =>
        await authorization.AllowsAsync(user, AuthExtensions.SupervisorPolicy) ? Details : AvailabilityOnly;

    public static IReadOnlyList<OperatorState> ForGroup(string group, IReadOnlyList<OperatorState> operators) =>
        group == Details ? operators : [.. operators.Select(WithoutDetails)];

    public static ChangeSet ForGroup(string group, ChangeSet changeSet) =>
        group == Details || !changeSet.Changes.Any(c => HasDetails(c.Current))
            ? changeSet
            : changeSet with { Changes = [.. changeSet.Changes.Select(c => c.Current is null ? c : c with { Current = WithoutDetails(c.Current) })] };

    private static bool HasDetails(OperatorState? op) => op is { Email: not null } or { ExternalId: not null };

    private static OperatorState WithoutDetails(OperatorState op) => HasDetails(op) ? op with { Email = null, ExternalId = null } : op;
}
