using System.Globalization;
using System.Text;
using Dashboard.Live;
using Dashboard.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Dashboard.Components.Widgets;

/// <summary>A team's row of the breakdown: its figures, and its figure cells as ready-made HTML.</summary>
public sealed record BreakdownRow(TeamFigures Team, MarkupString Cells);

/// <summary>
/// The breakdown's rows for a snapshot: computed once per snapshot and kind, and shared by every open dashboard, as
/// <see cref="RowMarkup"/> shares the grid's rows. The breakdown covers every operator whatever a page's filter, so the
/// rows are the same for everyone; their thirteen figure cells are one string per row, so that each circuit holds a
/// markup frame per row rather than a render tree per cell. Only the newest snapshot's rows are kept, one set per kind.
/// </summary>
public sealed class BreakdownRows(ThresholdSet thresholds, IStringLocalizer<Texts> texts)
{
    // One set per kind and per language: the cells carry words for screen readers.
    private readonly Latest?[] _latest = new Latest?[TeamKinds.All.Count * Languages.Supported.Count];

    public IReadOnlyList<BreakdownRow> For(Snapshot snapshot, TeamKind kind)
    {
        ref var slot = ref _latest[((int)kind * Languages.Supported.Count) + Languages.IndexOf(CultureInfo.CurrentUICulture)];
        var latest = Volatile.Read(ref slot);
        if (latest is not null && ReferenceEquals(latest.Snapshot, snapshot))
        {
            return latest.Rows;
        }

        BreakdownRow[] rows = [.. TeamBreakdown.Compute(snapshot.Operators, kind).Select(team => new BreakdownRow(team, Cells(team.Kpis)))];
        // Two circuits may compute the same rows at once: either result is right. A circuit a change set behind gets its
        // rows without replacing the newer ones.
        if (latest is null || snapshot.Sequence >= latest.Snapshot.Sequence)
        {
            Volatile.Write(ref slot, new Latest(snapshot, rows));
        }

        return rows;
    }

    // The same data-kpi names and data-level values as the headline band. A level is marked by an icon and words as well
    // as colour; a fine figure stays plain, so that what needs a look stands out of a table of numbers.
    private MarkupString Cells(KpiSet kpis)
    {
        var html = new StringBuilder(1_200);
        Count(html, "operators", kpis.Operators);
        Count(html, "connected", kpis.Connected);
        foreach (var channel in ChannelKinds.All)
        {
            foreach (var figure in Figures.All)
            {
                var value = kpis[channel].ValueOf(figure);
                var level = thresholds.LevelOf(figure, channel, value);
                var wire = level.ToWire();
                html.Append("<td class=\"bd-figure level-").Append(wire).Append(figure == Figures.All[0] ? " bd-channel-start" : "")
                    .Append("\" data-kpi=\"").Append(figure.KpiName(channel)).Append("\" data-level=\"").Append(wire).Append("\">");
                if (level != Level.Ok)
                {
                    html.Append("<span class=\"level-icon\" aria-hidden=\"true\">").Append(level.Icon()).Append("</span> ");
                }

                html.Append(value is { } number ? number.ToString(CultureInfo.InvariantCulture) : "–");
                if (level != Level.Ok)
                {
                    html.Append("<span class=\"visually-hidden\">, ").Append(texts[level.Describe()]).Append("</span>");
                }

                html.Append("</td>");
            }
        }

        return new MarkupString(html.ToString());
    }

    private static void Count(StringBuilder html, string kpi, int value) =>
        html.Append("<td class=\"bd-count\" data-kpi=\"").Append(kpi).Append("\">").Append(value.ToString(CultureInfo.InvariantCulture)).Append("</td>");

    private sealed record Latest(Snapshot Snapshot, BreakdownRow[] Rows);
}
