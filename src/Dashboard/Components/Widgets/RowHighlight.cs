namespace Dashboard.Components.Widgets;

/// <summary>
/// Which channels of a row changed, and in which change set: the row's cells flash once when it is drawn. A value, kept
/// per changed operator by each open grid until the row changes again: a few bytes each.
/// </summary>
public readonly record struct RowHighlight(Live.ChannelMask Channels, long Sequence);
