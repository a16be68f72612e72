using System.Globalization;
using Dashboard.Live;

namespace Dashboard.Demand;

/// <summary>Today's demand on a channel, as <c>GET /statistic</c> measures it, in the order people read it.</summary>
public enum DemandIndicator
{
    /// <summary>Contact opportunities missed because every agent was busy.</summary>
    MissedBusy,

    /// <summary>Contact opportunities missed because no agent was connected or in production.</summary>
    MissedAbsent,

    /// <summary>Contacts that entered the queue.</summary>
    Waiting,

    /// <summary>Contacts that left the queue before being answered.</summary>
    Abandoned,

    /// <summary>Average wait in the queue.</summary>
    WaitingTime,

    /// <summary>Average time to the agent's response.</summary>
    ResponseTime,
}

/// <summary>What each demand figure is called, upstream and on screen, and where iAdvize measures it.</summary>
public static class DemandIndicators
{
    public static readonly IReadOnlyList<DemandIndicator> All =
    [
        DemandIndicator.MissedBusy, DemandIndicator.MissedAbsent, DemandIndicator.Waiting,
        DemandIndicator.Abandoned, DemandIndicator.WaitingTime, DemandIndicator.ResponseTime,
    ];

    /// <summary>The iAdvize indicator name (CONTRACT.md's <c>data-indicator</c>).</summary>
    public static string ToWire(this DemandIndicator indicator) => indicator switch
    {
        DemandIndicator.MissedBusy => "contact_missed_with_busy_operators_number",
        DemandIndicator.MissedAbsent => "contact_missed_with_no_operators_number",
        DemandIndicator.Waiting => "contact_waiting_number",
        DemandIndicator.Abandoned => "contact_waiting_abort_number",
        DemandIndicator.WaitingTime => "contact_waiting_duration",
        DemandIndicator.ResponseTime => "contact_answered_duration",
        _ => throw new ArgumentOutOfRangeException(nameof(indicator)),
    };

    public static string Label(this DemandIndicator indicator) => indicator switch
    {
        DemandIndicator.MissedBusy => "missed · busy",
        DemandIndicator.MissedAbsent => "missed · absent",
        DemandIndicator.Waiting => "queued",
        DemandIndicator.Abandoned => "abandoned",
        DemandIndicator.WaitingTime => "avg wait",
        _ => "avg response",
    };

    /// <summary>A sentence for the figure's tooltip.</summary>
    public static string Explain(this DemandIndicator indicator) => indicator switch
    {
        DemandIndicator.MissedBusy => "Contact opportunities missed today because every agent was busy",
        DemandIndicator.MissedAbsent => "Contact opportunities missed today because no agent was connected or in production",
        DemandIndicator.Waiting => "Contacts that entered the queue today",
        DemandIndicator.Abandoned => "Contacts that left the queue today before being answered",
        DemandIndicator.WaitingTime => "Average wait in the queue today",
        _ => "Average time to the agent's response today",
    };

    public static bool IsDuration(this DemandIndicator indicator) =>
        indicator is DemandIndicator.WaitingTime or DemandIndicator.ResponseTime;

    /// <summary>
    /// Whether iAdvize computes the figure on the channel: its reference lists missed opportunities for chat only and the
    /// queue for chat and video. Not asking for the others keeps a real account from refusing the whole request.
    /// </summary>
    public static bool IsMeasuredOn(this DemandIndicator indicator, ChannelKind channel) => indicator switch
    {
        DemandIndicator.MissedBusy or DemandIndicator.MissedAbsent => channel == ChannelKind.Chat,
        DemandIndicator.Waiting or DemandIndicator.Abandoned or DemandIndicator.WaitingTime => channel is ChannelKind.Chat or ChannelKind.Video,
        _ => true,
    };

    /// <summary>The value as people read it: a whole count, or a duration ("42 s", "1 min 05").</summary>
    public static string Format(this DemandIndicator indicator, double value) => indicator.IsDuration()
        ? Durations.ToTheSecond(TimeSpan.FromSeconds(Math.Max(0, value)))
        : Math.Round(value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);
}
