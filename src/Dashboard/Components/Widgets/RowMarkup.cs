using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Dashboard.Live;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Widgets;

/// <summary>
/// An operator's row of the grid as ready-made HTML, with every DOM hook of CONTRACT.md, for the people who only look
/// (Viewers and Supervisors). Each open dashboard used to hold a tree of components per row (the row, three cells),
/// each with its own render tree: several MB per circuit at 250 operators. Built once per immutable
/// <see cref="OperatorState"/> and shared by every circuit, a row costs a circuit one markup frame. Entries live as long as
/// the operator state they describe (a weak table: a snapshot that is no longer shown takes its rows with it). A row
/// that is highlighted just now is built for that render only, since its flash depends on the circuit's change sets.
/// </summary>
public sealed class RowMarkup(TimeProvider time)
{
    private readonly ConditionalWeakTable<OperatorState, Entry> _rows = new();

    /// <summary>The whole <c>tr</c> of <paramref name="op"/>; its name links to the details page when <paramref name="linkToDetails"/>.</summary>
    public MarkupString Row(OperatorState op, bool linkToDetails, RowHighlight? highlight)
    {
        var today = time.GetUtcNow().UtcDateTime.Date;
        if (highlight is not null)
        {
            return new MarkupString(Build(op, linkToDetails, highlight, today));
        }

        var entry = _rows.GetValue(op, _ => new Entry());
        // A row built yesterday says just the time of a start that is now a day old: built again.
        var day = entry.Day;
        if (day != today)
        {
            entry.Reset(today);
        }

        return entry.Get(linkToDetails, () => Build(op, linkToDetails, highlight: null, today));
    }

    /// <summary>What a channel cell shows inside it (state, since when, slots), shared with the Manager's cells.</summary>
    public MarkupString CellContent(OperatorState op, ChannelKind channel)
    {
        var html = new StringBuilder();
        AppendCellContent(html, op[channel], time.GetUtcNow().UtcDateTime.Date);
        return new MarkupString(html.ToString());
    }

    /// <summary><c>data-slots</c>: slots used / slots.</summary>
    public static string Slots(ChannelState state) => $"{state.Slots}/{state.MaxSlots}";

    /// <summary><c>data-since</c>: the start of the state in ISO 8601 UTC, or empty when unknown.</summary>
    public static string Since(ChannelState state) =>
        state.Since?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The CSS class that flashes a cell that just changed; two alternating names restart the animation.</summary>
    public static string FlashClass(RowHighlight? highlight, ChannelKind channel) =>
        highlight is { } h && h.Channels.HasFlag(channel.ToMask()) ? $"flash-{h.Sequence % 2}" : "";

    private static string Build(OperatorState op, bool linkToDetails, RowHighlight? highlight, DateTime today)
    {
        var html = new StringBuilder(1_400);
        var id = op.Id.ToString(CultureInfo.InvariantCulture);
        html.Append("<tr data-testid=\"operator\" data-operator-id=\"").Append(id).Append("\" class=\"")
            .Append(op.Connected ? "op-connected" : "op-offline").Append("\">");
        html.Append("<td class=\"col-name\"><div class=\"op-identity\"><div class=\"op-text\">");
        if (linkToDetails)
        {
            html.Append("<a class=\"op-name op-link\" href=\"/operators/").Append(id).Append("\" data-testid=\"operator-link\" data-operator-id=\"").Append(id)
                .Append("\" title=\"").Append(Encode($"Details of {op.Name}")).Append("\">").Append(Encode(op.Name)).Append("</a>");
        }
        else
        {
            html.Append("<div class=\"op-name\">").Append(Encode(op.Name)).Append("</div>");
        }

        html.Append("<div class=\"op-sub\">").Append(Encode(SubLine(op))).Append("</div></div></div></td>");
        html.Append("<td class=\"col-group\">").Append(Encode(op.Group ?? "—")).Append("</td>");
        foreach (var channel in ChannelKinds.All)
        {
            var state = op[channel];
            var status = state.Status.ToWire();
            html.Append("<td class=\"col-channel channel-cell state-").Append(status).Append(' ').Append(FlashClass(highlight, channel))
                .Append("\" data-testid=\"channel\" data-channel=\"").Append(channel.ToWire()).Append("\" data-state=\"").Append(status)
                .Append("\" data-slots=\"").Append(Slots(state)).Append("\" data-since=\"").Append(Since(state)).Append("\"><div class=\"channel-inner\">");
            AppendCellContent(html, state, today);
            html.Append("</div></td>");
        }

        return html.Append("</tr>").ToString();
    }

    /// <summary>"Connected · pseudo": the line under the name.</summary>
    public static string SubLine(OperatorState op) =>
        (op.Connected ? "Connected" : "Offline") + (string.IsNullOrEmpty(op.Pseudo) ? "" : $" · {op.Pseudo}");

    private static void AppendCellContent(StringBuilder html, ChannelState state, DateTime today)
    {
        html.Append("<span class=\"state-dot\" aria-hidden=\"true\"></span><span class=\"state-text\"><span class=\"state-label\">")
            .Append(state.Status.ToLabel()).Append("</span>");
        // A channel the operator cannot work on has no "since" worth reading.
        if (state.Status != ChannelStatus.Disabled && state.Since is { } since)
        {
            var utc = since.UtcDateTime;
            var title = $"{state.Status.ToLabel()} since {utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC";
            // UTC, because the browser's zone is not known on the server; the date only when it is not today.
            var text = utc.ToString(utc.Date == today ? "HH:mm" : "d MMM HH:mm", CultureInfo.InvariantCulture);
            html.Append("<span class=\"since\" title=\"").Append(title).Append("\">since ").Append(text).Append("</span>");
        }
        else if (state.Status != ChannelStatus.Disabled)
        {
            html.Append("<span class=\"since since-unknown\" title=\"Start unknown: no change seen since the dashboard started\">since ?</span>");
        }

        html.Append("</span>");
        if (state.Status is not (ChannelStatus.Offline or ChannelStatus.Disabled))
        {
            html.Append("<span class=\"slots\" title=\"Slots used / slots\">").Append(Slots(state)).Append("</span>");
        }
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    // Two variants (name as text, name as a link), made on first use; several circuits may ask at once.
    private sealed class Entry
    {
        private readonly Lock _lock = new();
        private MarkupString? _plain;
        private MarkupString? _linked;

        public DateTime Day { get; private set; }

        public void Reset(DateTime day)
        {
            lock (_lock)
            {
                (_plain, _linked, Day) = (null, null, day);
            }
        }

        public MarkupString Get(bool linked, Func<string> build)
        {
            lock (_lock)
            {
                ref var slot = ref linked ? ref _linked : ref _plain;
                slot ??= new MarkupString(build());
                return slot.Value;
            }
        }
    }
}
