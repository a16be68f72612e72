using Dashboard.Live;

namespace Dashboard.DayCurve;

/// <summary>
/// One minute's capacity, as the headline band counted it over every operator: available operators and free slots per
/// channel. Stored (<c>availability_samples</c>) so that the day's curve survives a restart.
/// </summary>
public sealed class AvailabilitySample
{
    public long Id { get; set; }

    /// <summary>When the sample was taken (UTC).</summary>
    public DateTimeOffset At { get; set; }

    public int AvailableChat { get; set; }

    public int AvailableCall { get; set; }

    public int AvailableVideo { get; set; }

    public int FreeSlotsChat { get; set; }

    public int FreeSlotsCall { get; set; }

    public int FreeSlotsVideo { get; set; }

    /// <summary>The figures of <paramref name="kpis"/> at <paramref name="at"/>.</summary>
    public static AvailabilitySample From(KpiSet kpis, DateTimeOffset at) => new()
    {
        At = at,
        AvailableChat = kpis.Chat.Available,
        AvailableCall = kpis.Call.Available,
        AvailableVideo = kpis.Video.Available,
        FreeSlotsChat = kpis.Chat.FreeSlots,
        FreeSlotsCall = kpis.Call.FreeSlots,
        FreeSlotsVideo = kpis.Video.FreeSlots,
    };

    public int Available(ChannelKind channel) => channel switch
    {
        ChannelKind.Chat => AvailableChat,
        ChannelKind.Call => AvailableCall,
        ChannelKind.Video => AvailableVideo,
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public int FreeSlots(ChannelKind channel) => channel switch
    {
        ChannelKind.Chat => FreeSlotsChat,
        ChannelKind.Call => FreeSlotsCall,
        ChannelKind.Video => FreeSlotsVideo,
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };
}
