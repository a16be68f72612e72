using Bunit;
using Dashboard.Components.Layout;
using MudBlazor;

namespace Dashboard.Tests.Components;

/// <summary>The shared provider is MudBlazor's, drawn once per theme and mode: the same markup, whoever asks first.</summary>
public sealed class SharedThemeProviderTests : DashboardComponentTest
{
    private string Shared(bool dark) =>
        Render<SharedThemeProvider>(p => p.Add(t => t.Theme, DashboardTheme.Theme).Add(t => t.IsDarkMode, dark)).Markup.Trim();

    private string Mud(bool dark) =>
        Render<MudThemeProvider>(p => p.Add(t => t.Theme, DashboardTheme.Theme).Add(t => t.IsDarkMode, dark)).Markup.Trim();

    [Fact]
    public void It_draws_what_MudBlazors_provider_draws_in_either_mode_whichever_was_drawn_first()
    {
        var light = Shared(dark: false);
        var dark = Shared(dark: true);

        light.ShouldContain("--mud-palette-primary:");
        light.ShouldBe(Mud(dark: false));
        dark.ShouldBe(Mud(dark: true));
        dark.ShouldNotBe(light);
        Shared(dark: false).ShouldBe(light, "a page drawn later gets the same style");
    }

    [Fact]
    public void Switching_a_page_to_dark_draws_the_dark_style()
    {
        var rendered = Render<SharedThemeProvider>(p => p.Add(t => t.Theme, DashboardTheme.Theme).Add(t => t.IsDarkMode, false));

        rendered.Render(p => p.Add(t => t.Theme, DashboardTheme.Theme).Add(t => t.IsDarkMode, true));

        rendered.Markup.Trim().ShouldBe(Mud(dark: true));
    }
}
