using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>One palette for every page: channel state colours must mean the same thing everywhere, readable by everyone.</summary>
public static class DashboardTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1F3A5F",
            AppbarBackground = "#1F3A5F",
            Background = "#F4F6F9",
            // Text in these colours must stay readable (WCAG AA, 4.5:1) on the page's background and on their own tints.
            Success = "#146C34",
            Info = "#0B5CAD",
            Warning = "#B25E09",
            Error = "#C62828",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "DejaVu Sans", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
