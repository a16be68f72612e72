namespace Dashboard.Components.Widgets;

/// <summary>Which channels of a row changed, in which change set, and when: drives the brief highlight.</summary>
public sealed record RowHighlight(Live.ChannelMask Channels, long Sequence, DateTimeOffset At);
