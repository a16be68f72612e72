using Dashboard.Live;
using Iadvize.Client;

namespace Dashboard.Polling;

/// <summary>Maps the client's records into the dashboard's state. Pure.</summary>
public static class SnapshotBuilder
{
    /// <summary>
    /// Every operator known: those seen live, and those of the roster the live list does not show (never logged in),
    /// which are offline.
    /// </summary>
    public static List<OperatorState> Build(IReadOnlyList<OperatorLive> live, Roster roster)
    {
        var result = new List<OperatorState>(Math.Max(live.Count, roster.Operators.Count));
        var seen = new HashSet<int>();
        foreach (var item in live)
        {
            if (seen.Add(item.Id))
            {
                result.Add(ToState(item, roster.Operators.GetValueOrDefault(item.Id), roster));
            }
        }

        foreach (var details in roster.Operators.Values)
        {
            if (!seen.Contains(details.Id))
            {
                result.Add(Offline(details, roster));
            }
        }

        return result;
    }

    public static OperatorState ToState(OperatorLive live, OperatorDetails? details, Roster roster) =>
        new(live.Id,
            details?.DisplayName ?? $"Operator {live.Id}",
            details?.Pseudo,
            details?.Email,
            details?.ExternalId,
            GroupName(details, roster),
            live.Connected,
            ToChannel(live.Connected, live.Chat),
            ToChannel(live.Connected, live.Call),
            ToChannel(live.Connected, live.Video))
        {
            Skills = Names(details?.SkillIds, roster.SkillNames),
            Websites = Names(details?.WebsiteIds, roster.WebsiteNames),
        };

    /// <summary>
    /// One operator read alone (a command's read-back, a webhook): its live state with the identity the dashboard already
    /// shows, which a roster not yet loaded in this instance could not give.
    /// </summary>
    public static OperatorState ToState(OperatorLive live, OperatorState known) =>
        known with
        {
            Connected = live.Connected,
            Chat = ToChannel(live.Connected, live.Chat),
            Call = ToChannel(live.Connected, live.Call),
            Video = ToChannel(live.Connected, live.Video),
        };

    private static OperatorState Offline(OperatorDetails details, Roster roster) =>
        new(details.Id, details.DisplayName, details.Pseudo, details.Email, details.ExternalId, GroupName(details, roster), false,
            ChannelState.Offline, ChannelState.Offline, ChannelState.Offline)
        {
            Skills = Names(details.SkillIds, roster.SkillNames),
            Websites = Names(details.WebsiteIds, roster.WebsiteNames),
        };

    private static string? Names(IReadOnlyList<int>? ids, IReadOnlyDictionary<int, string> names) =>
        ids is null or { Count: 0 }
            ? null
            : string.Join(", ", ids.Select(id => names.GetValueOrDefault(id, $"#{id}")).Order(StringComparer.InvariantCultureIgnoreCase));

    private static string? GroupName(OperatorDetails? details, Roster roster) =>
        details?.GroupId is { } groupId ? roster.GroupNames.GetValueOrDefault(groupId, $"Group {groupId}") : null;

    private static ChannelState ToChannel(bool connected, ChannelLive channel) =>
        ChannelState.From(connected, channel.Enabled, channel.Available, channel.Busy, channel.SlotNumber, channel.SlotMaxNumber);
}
