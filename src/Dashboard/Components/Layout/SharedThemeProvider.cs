using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>
/// MudBlazor's theme provider, drawing the theme's style sheet (some 12,000 characters of CSS variables) once per theme
/// and mode for the whole process. MudThemeProvider builds that text again for each page it is on, and each open page
/// kept its own copy in its render tree: 24 KB per circuit, the same for everyone with the same theme. The markup is
/// MudThemeProvider's own (<see cref="MudThemeProvider.BuildTheme"/>); a component test checks that it renders the same.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    // Per theme object (one in this app, never changed once built), light and dark.
    private static readonly ConditionalWeakTable<MudTheme, Styles> Built = [];

    // What MudThemeProvider writes between the two (a constant of its markup), for MudChart's hover: the component test
    // compares the whole output with MudBlazor's, so a MudBlazor that changes it is noticed.
    private const string ChartHover = """
        <style>
            .mud-chart-serie:hover {
                filter: url(#lighten);
            }

            .mud-chart-serie-hovered 
            {
                filter: url(#lighten);
            }
        </style>


        """;

    // IsDarkMode as the layout last gave it (MudBlazor's analyser forbids reading the parameter's property; its state
    // is private). This app never asks MudBlazor to follow the system's mode, so the parameter is the only source.
    private bool _dark;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        _dark = parameters.TryGetValue<bool>(nameof(IsDarkMode), out var dark) && dark;
        return base.SetParametersAsync(parameters);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1725", Justification = "Razor names the base's parameter __builder, which this code's naming rules refuse.")]
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var styles = Built.GetValue(GetTheme(), _ => new Styles());
        if (!DefaultScrollbar)
        {
            builder.AddContent(0, styles.Scrollbar ??= new MarkupString(BuildMudBlazorScrollbar()));
        }

        builder.AddMarkupContent(1, ChartHover);
        builder.AddContent(2, _dark
            ? styles.Dark ??= new MarkupString(BuildTheme())
            : styles.Light ??= new MarkupString(BuildTheme()));
    }

    // Two pages drawing a style at the same moment build the same text twice; either copy will do.
    private sealed class Styles
    {
        public MarkupString? Scrollbar { get; set; }

        public MarkupString? Light { get; set; }

        public MarkupString? Dark { get; set; }
    }
}
