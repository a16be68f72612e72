using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Preferences;
using Dashboard.Storage;
using Dashboard.Tests.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

[Trait("Database", "Postgres")]
public sealed class ThemeSwitchTests() : DashboardComponentTest(services =>
{
    // A migrated database of its own, disposed with the services.
    services.AddSingleton<AuditDatabase>();
    services.AddSingleton<IDbContextFactory<DashboardDbContext>>(provider => provider.GetRequiredService<AuditDatabase>());
    services.AddSingleton<UserPreferences>();
})
{
    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    /// <summary>What the switch last told the layout.</summary>
    private bool? _told;

    private IRenderedComponent<ThemeSwitch> RenderSwitch(bool dark) =>
        Render<ThemeSwitch>(p => p.Add(s => s.Dark, dark).Add(s => s.DarkChanged, value => _told = value));

    // The layout's part: it holds the value and hands it back down.
    private async Task PressAsync(IRenderedComponent<ThemeSwitch> rendered)
    {
        await rendered.Find("[data-testid=theme-toggle]").ClickAsync(new());
        rendered.Render(p => p.Add(s => s.Dark, _told.ShouldNotBeNull()));
    }

    [Fact]
    public void The_switch_is_a_named_button_that_says_whether_dark_is_on()
    {
        var light = RenderSwitch(dark: false).Find("[data-testid=theme-toggle]");
        light.TagName.ShouldBe("BUTTON");
        light.GetAttribute("type").ShouldBe("button");
        light.GetAttribute("aria-label").ShouldBe("Dark theme");
        light.GetAttribute("aria-pressed").ShouldBe("false");
        light.HasAttribute("disabled").ShouldBeFalse();

        RenderSwitch(dark: true).Find("[data-testid=theme-toggle]").GetAttribute("aria-pressed").ShouldBe("true");
    }

    [Fact]
    public async Task Pressing_it_turns_dark_on_at_once_and_remembers_it_for_the_person()
    {
        var rendered = RenderSwitch(dark: false);

        var preferences = Services.GetRequiredService<UserPreferences>();
        var user = (await Authorization.GetAuthenticationStateAsync()).User;

        await PressAsync(rendered);

        _told.ShouldBe(true);
        rendered.Find("[data-testid=theme-toggle]").GetAttribute("aria-pressed").ShouldBe("true");
        (await preferences.ThemeAsync(user, Token)).ShouldBe(ThemeChoice.Dark);

        await PressAsync(rendered);

        _told.ShouldBe(false);
        rendered.Find("[data-testid=theme-toggle]").GetAttribute("aria-pressed").ShouldBe("false");
        (await preferences.ThemeAsync(user, Token)).ShouldBe(ThemeChoice.Light);
    }

    [Fact]
    public void Before_the_page_is_live_the_switch_waits_disabled()
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", false));

        RenderSwitch(dark: true).Find("[data-testid=theme-toggle]").HasAttribute("disabled").ShouldBeTrue();
    }
}
