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
        // The same meanings at night: every text colour here reads at 4.5:1 or better on Surface and Background, and the
        // filled colours (buttons, chips) carry dark text, as light text on these lighter tones would not read.
        PaletteDark = new PaletteDark
        {
            Primary = "#9CC3FF",
            PrimaryContrastText = "#0D1620",
            Secondary = "#F0A3C8",
            SecondaryContrastText = "#0D1620",
            Tertiary = "#7FD8C9",
            TertiaryContrastText = "#0D1620",
            AppbarBackground = "#16273D",
            AppbarText = "#E6EDF3",
            Background = "#0F1722",
            BackgroundGray = "#141E2B",
            Surface = "#18222F",
            DrawerBackground = "#18222F",
            DrawerText = "#E6EDF3",
            TextPrimary = "#E6EDF3",
            TextSecondary = "#B3BDC8",
            TextDisabled = "rgba(230,237,243,0.5)",
            ActionDefault = "#C9D1D9",
            ActionDisabled = "rgba(230,237,243,0.38)",
            ActionDisabledBackground = "rgba(230,237,243,0.12)",
            LinesDefault = "#2E3B4B",
            LinesInputs = "#6B7785",
            TableLines = "#2E3B4B",
            TableHover = "#1D2836",
            TableStriped = "#1B2531",
            Divider = "#2E3B4B",
            DividerLight = "#243040",
            Success = "#5BD48A",
            SuccessContrastText = "#0D1620",
            Info = "#7CB8FF",
            InfoContrastText = "#0D1620",
            Warning = "#F0A44B",
            WarningContrastText = "#0D1620",
            Error = "#FF8A80",
            ErrorContrastText = "#0D1620",
            Dark = "#0B121B",
            DarkContrastText = "#E6EDF3",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "DejaVu Sans", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
