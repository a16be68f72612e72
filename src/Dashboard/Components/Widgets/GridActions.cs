using Dashboard.Live;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Widgets;

/// <summary>
/// A click on a control of a row drawn by <see cref="RowMarkup"/>: which control, by its <c>data-testid</c> (<c>toggle</c>,
/// <c>disconnect</c> or <c>select</c>, CONTRACT.md's hooks), <c>data-operator-id</c>, <c>data-channel</c> and, for a switch, whether it showed
/// on (<c>aria-checked</c>) when clicked. Filled in the browser by assets/grid-actions.js; Action is empty for a click
/// anywhere else in the grid.
/// </summary>
public sealed class GridActionEventArgs : EventArgs
{
    public string Action { get; set; } = "";

    public int OperatorId { get; set; }

    public string Channel { get; set; } = "";

    public bool Checked { get; set; }

    /// <summary>The channel a <c>toggle</c> names; null when it names none the app knows.</summary>
    public ChannelKind? ChannelKind => ChannelKinds.FromWire(Channel);
}

/// <summary>Makes <c>@ongridaction</c> known to Razor: one handler on a grid receives every row control's click.</summary>
[EventHandler("ongridaction", typeof(GridActionEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}
