using System.Globalization;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using Dashboard.Live;
using Dashboard.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Dashboard.Components.Widgets;

/// <summary>What a row of the grid offers the person looking at it.</summary>
[Flags]
public enum RowOptions
{
    None = 0,

    /// <summary>The name links to the operator's details page (Supervisors and Managers).</summary>
    LinkToDetails = 1,

    /// <summary>A selection box, a force-offline button and a switch per channel (Managers).</summary>
    Manage = 2,

    /// <summary>The circuit is live: the controls can be used (they are disabled while prerendered).</summary>
    Interactive = 4,

    /// <summary>The row's selection box is ticked.</summary>
    Selected = 8,
}

/// <summary>A control waiting for its command: a channel's switch, or the force-offline button when Channel is null.</summary>
public readonly record struct PendingControl(int OperatorId, ChannelKind? Channel);

/// <summary>
/// An operator's row of the grid as ready-made HTML, with every DOM hook of CONTRACT.md. Each open dashboard used to hold
/// a tree of components per row (the row, three cells, a switch per channel, a button), each with its own render trees:
/// several MB per circuit at 250 operators. Built once per immutable <see cref="OperatorState"/> and per
/// <see cref="RowOptions"/>, and shared by every circuit, a row costs a circuit one markup frame. One handler on the grid
/// (<see cref="GridActionEventArgs"/>) receives the clicks on a Manager's controls, named by their <c>data-testid</c>. One entry
/// per operator, for the state last asked for: the store's change history keeps thousands of past states alive, and
/// rows kept for each of them came to tens of MB that no page would show again. A row with a control waiting is built
/// for that render only: it belongs to one circuit. Its words are in the circuit's language, which is part of the
/// variant: an English and a French page share nothing but the operator. A row's HTML does not change while its state does not: time in state
/// is written as it was when the row was built, and moved on in the browser (assets/durations.js) from the span's
/// <c>data-from</c>. Were it built again each minute, every open grid would redraw every row each minute.
/// </summary>
public sealed class RowMarkup(TimeProvider time, AvailabilityStore store, IStringLocalizer<Texts> texts)
{
    private static readonly IReadOnlySet<PendingControl> NothingPending = new HashSet<PendingControl>();

    private readonly ConcurrentDictionary<int, Entry> _rows = new();

    /// <summary>The whole <c>tr</c> of <paramref name="op"/>.</summary>
    public MarkupString Row(OperatorState op, RowOptions options, RowHighlight? highlight, IReadOnlySet<PendingControl> pending)
    {
        var now = time.GetUtcNow();
        // Without controls, whether the circuit is live changes nothing in the row: one variant, not two.
        if (!options.HasFlag(RowOptions.Manage))
        {
            options &= RowOptions.LinkToDetails;
        }

        if (HasPending(pending, op.Id))
        {
            return new MarkupString(Build(op, options, highlight, pending, now));
        }

        // Every circuit that heard the change set which made this state flashes the same cells the same way: the
        // highlighted row is shared as well.
        var flash = highlight is { } h ? (int)h.Channels | (int)(h.Sequence % 2) << 3 : 0;
        if (!_rows.TryGetValue(op.Id, out var entry) || !ReferenceEquals(entry.State, op))
        {
            // A circuit a change set behind asks for the state before: it gets its row built, and the newer one stays.
            if (entry is not null && !ReferenceEquals(store.Current.Find(op.Id), op))
            {
                return new MarkupString(Build(op, options, highlight, NothingPending, now));
            }

            entry = new Entry(op);
            _rows[op.Id] = entry;
            ForgetRemovedOperators();
        }

        var language = Languages.IndexOf(CultureInfo.CurrentUICulture);
        return entry.Get((int)options | flash << 4 | language << 8, () => Build(op, options, highlight, NothingPending, now));
    }

    /// <summary>The three channel cells of <paramref name="op"/> (a <c>td</c> each), for a page that shows one operator.</summary>
    public MarkupString Cells(OperatorState op, RowOptions options, RowHighlight? highlight, IReadOnlySet<PendingControl> pending)
    {
        var html = new StringBuilder(1_200);
        AppendCells(html, op, options, highlight, pending, time.GetUtcNow());
        return new MarkupString(html.ToString());
    }

    /// <summary>
    /// The server's clock, for the table's <c>data-server-time</c>: the browser measures its own clock against it, so that
    /// a screen whose clock is wrong still shows true durations.
    /// </summary>
    public string ServerTime => Iso(time.GetUtcNow());

    /// <summary>The heading row of a group when rows are grouped: its name and how many operators follow.</summary>
    public MarkupString GroupHeading(string group, int count, int columns) => new(
        $"<tr class=\"group-row\" data-testid=\"group-row\" data-group=\"{Encode(group)}\"><th colspan=\"{columns}\" scope=\"colgroup\">"
        + $"{Encode(group)} <span class=\"group-count\">· {Text(count == 1 ? texts["1 operator"] : texts["{0} operators", count])}</span></th></tr>");

    /// <summary><c>data-slots</c>: slots used / slots.</summary>
    private static string Slots(ChannelState state) => $"{state.Slots}/{state.MaxSlots}";

    /// <summary><c>data-since</c>: the start of the state in ISO 8601 UTC, or empty when unknown.</summary>
    private static string Since(ChannelState state) => state.Since is { } since ? Iso(since) : "";

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>"Connected · pseudo": the line under the name.</summary>
    private string SubLine(OperatorState op) =>
        (op.Connected ? texts["Connected (one operator)"] : texts["Offline (one operator)"]) + (string.IsNullOrEmpty(op.Pseudo) ? "" : $" · {op.Pseudo}");

    /// <summary>Whether a channel of <paramref name="op"/> shows a switch: connected, and the channel enabled.</summary>
    private static bool HasSwitch(OperatorState op, ChannelKind channel) => op.Connected && op[channel].Enabled;

    // Operators who left the roster leave their entry behind; swept when there are clearly more entries than operators.
    private void ForgetRemovedOperators()
    {
        var current = store.Current;
        if (_rows.Count <= (current.Operators.Length * 2) + 100)
        {
            return;
        }

        foreach (var id in _rows.Keys)
        {
            if (!current.Contains(id))
            {
                _rows.TryRemove(id, out _);
            }
        }
    }

    private static bool HasPending(IReadOnlySet<PendingControl> pending, int operatorId) =>
        pending.Count > 0 && pending.Any(p => p.OperatorId == operatorId);

    private string Build(OperatorState op, RowOptions options, RowHighlight? highlight, IReadOnlySet<PendingControl> pending, DateTimeOffset now)
    {
        var html = new StringBuilder(options.HasFlag(RowOptions.Manage) ? 3_000 : 1_400);
        var id = op.Id.ToString(CultureInfo.InvariantCulture);
        var manage = options.HasFlag(RowOptions.Manage);
        var disabled = options.HasFlag(RowOptions.Interactive) ? "" : " disabled";
        html.Append("<tr data-testid=\"operator\" data-operator-id=\"").Append(id).Append("\" class=\"")
            .Append(op.Connected ? "op-connected" : "op-offline").Append("\">");
        if (manage)
        {
            html.Append("<td class=\"col-select\"><input type=\"checkbox\" class=\"op-select\" data-testid=\"select\" data-operator-id=\"")
                .Append(id).Append("\" aria-label=\"").Append(Text(texts["Select {0}", op.Name])).Append('"')
                .Append(options.HasFlag(RowOptions.Selected) ? " checked" : "").Append(disabled).Append(" /></td>");
        }

        html.Append("<td class=\"col-name\"><div class=\"op-identity\"><div class=\"op-text\">");
        if (options.HasFlag(RowOptions.LinkToDetails))
        {
            html.Append("<a class=\"op-name op-link\" href=\"/operators/").Append(id).Append("\" data-testid=\"operator-link\" data-operator-id=\"").Append(id)
                .Append("\" title=\"").Append(Text(texts["Details of {0}", op.Name])).Append("\">").Append(Encode(op.Name)).Append("</a>");
        }
        else
        {
            html.Append("<div class=\"op-name\">").Append(Encode(op.Name)).Append("</div>");
        }

        html.Append("<div class=\"op-sub\">").Append(Text(SubLine(op))).Append("</div></div>");
        if (manage && op.Connected)
        {
            var waiting = pending.Contains(new PendingControl(op.Id, null));
            // The title is the button's name for screen readers too (it has no text): no aria-label saying it again.
            html.Append("<button type=\"button\" class=\"disconnect-button\" title=\"").Append(Text(texts["Force {0} offline", op.Name]))
                .Append("\" data-testid=\"disconnect\" data-operator-id=\"").Append(id).Append('"')
                .Append(waiting ? " disabled" : disabled)
                // The icon is the style sheet's (a mask): its path in every row was a tenth of a Manager's row.
                .Append("></button>");
        }

        html.Append("</div></td>");
        html.Append("<td class=\"col-group\">").Append(Encode(op.Group ?? "—")).Append("</td>");
        AppendCells(html, op, options, highlight, pending, now);
        return html.Append("</tr>").ToString();
    }

    private void AppendCells(StringBuilder html, OperatorState op, RowOptions options, RowHighlight? highlight, IReadOnlySet<PendingControl> pending, DateTimeOffset now)
    {
        foreach (var channel in ChannelKinds.All)
        {
            var state = op[channel];
            var status = state.Status.ToWire();
            html.Append("<td class=\"col-channel channel-cell state-").Append(status).Append(' ').Append(FlashClass(highlight, channel))
                .Append("\" data-testid=\"channel\" data-channel=\"").Append(channel.ToWire()).Append("\" data-state=\"").Append(status)
                .Append("\" data-slots=\"").Append(Slots(state)).Append("\" data-since=\"").Append(Since(state)).Append("\"><div class=\"channel-inner\">");
            AppendCellContent(html, state, now, store.WatchingSince);
            if (options.HasFlag(RowOptions.Manage) && HasSwitch(op, channel))
            {
                AppendSwitch(html, op, channel, options.HasFlag(RowOptions.Interactive), pending.Contains(new PendingControl(op.Id, channel)));
            }

            html.Append("</div></td>");
        }
    }

    // The CSS class that flashes a cell that just changed; two alternating names restart the animation.
    private static string FlashClass(RowHighlight? highlight, ChannelKind channel) =>
        highlight is { } h && h.Channels.HasFlag(channel.ToMask()) ? $"flash-{h.Sequence % 2}" : "";

    // Time in state as a duration ("12 min"); a state that began before the dashboard first saw it has lasted at least as
    // long as the dashboard has watched ("≥ 12 min"). The exact start is in the title and in data-since. The browser moves
    // the duration on from data-from, with data-at-least for a lower bound.
    private void AppendCellContent(StringBuilder html, ChannelState state, DateTimeOffset now, DateTimeOffset? watchingSince)
    {
        // The state's dot is the style sheet's (.channel-inner::before), as the switch's knob is: an element for each was
        // a tenth of a row, sent again with every change.
        html.Append("<span class=\"state-text\"><span class=\"state-label\">")
            .Append(Text(texts[state.Status.ToLabel()])).Append("</span>");
        // A channel the operator cannot work on has no time in state worth reading.
        var duration = state.Status == ChannelStatus.Disabled ? "" : Durations.InState(state, now, watchingSince);
        if (duration.Length > 0)
        {
            var label = texts[state.Status.ToLabel()];
            var title = state.Since is { } since
                ? texts["{0} since {1} UTC", label, Dates.ToSecond(since)]
                : texts["{0} since before the dashboard started watching, at {1} UTC", label, Dates.ToMinute(watchingSince!.Value)];
            html.Append("<span class=\"since").Append(state.Since is null ? " since-unknown\" data-at-least" : "\"").Append(" data-from=\"")
                .Append(Iso(state.Since ?? watchingSince!.Value)).Append("\" title=\"").Append(Text(title)).Append("\">").Append(Encode(duration)).Append("</span>");
        }

        // Busy says the slots are full, not where the switch is: a channel switched off while busy says so, for everyone.
        if (state.SwitchedOff)
        {
            html.Append("<span class=\"switch-note\">").Append(Text(texts["off · busy until contacts end"])).Append("</span>");
        }

        html.Append("</span>");
        if (state.Status is not (ChannelStatus.Offline or ChannelStatus.Disabled))
        {
            // What the figures are is said once, in the column's heading, not in every cell.
            html.Append("<span class=\"slots\">").Append(Slots(state)).Append("</span>");
        }
    }

    // Busy means every slot taken: the switch shows on, and a click asks to stop new contacts, unless a person switched it
    // off meanwhile (IsTakingContacts): then it shows off, and a click asks for new contacts again.
    private void AppendSwitch(StringBuilder html, OperatorState op, ChannelKind channel, bool interactive, bool waiting)
    {
        var on = op[channel].IsTakingContacts;
        var wire = channel.ToWire();
        var channelName = texts[channel.ToLabel()].Value.ToLower(CultureInfo.CurrentCulture);
        var title = on ? texts["Make {0} unavailable for {1}", op.Name, channelName] : texts["Make {0} available for {1}", op.Name, channelName];
        html.Append("<button type=\"button\" role=\"switch\" class=\"availability-toggle ").Append(on ? "is-on" : "is-off").Append(waiting ? " is-pending" : "")
            .Append("\" aria-checked=\"").Append(on ? "true" : "false").Append("\" aria-busy=\"").Append(waiting ? "true" : "false")
            .Append("\" aria-label=\"").Append(Text(texts["{0}: {1} availability", op.Name, channelName])).Append("\" title=\"").Append(Text(title))
            .Append("\" data-testid=\"toggle\" data-operator-id=\"").Append(op.Id.ToString(CultureInfo.InvariantCulture))
            .Append("\" data-channel=\"").Append(wire).Append('"').Append(waiting || !interactive ? " disabled" : "")
            .Append("></button>");
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    // The page's words (French has accents in most of them) escaped only where HTML needs it: as entities they made
    // every shared row longer.
    private static readonly HtmlEncoder WordsEncoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Text(string text) => WordsEncoder.Encode(text);

    // One markup per variant (RowOptions and flash), made on first use; a state has one or two in practice. Several
    // circuits may ask at once.
    private sealed class Entry(OperatorState state)
    {
        public OperatorState State { get; } = state;

        private readonly Lock _lock = new();
        private readonly List<(int Key, MarkupString Markup)> _variants = new(1);

        public MarkupString Get(int key, Func<string> build)
        {
            lock (_lock)
            {
                foreach (var variant in _variants)
                {
                    if (variant.Key == key)
                    {
                        return variant.Markup;
                    }
                }

                var markup = new MarkupString(build());
                _variants.Add((key, markup));
                return markup;
            }
        }
    }
}
