using Iadvize.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>
/// The headline band's thresholds on the real page (the defaults: chat available amber at 2, red at 0; free slots amber
/// at 5, red at 2): the simulator drains chat, and its figures turn red, by colour and by icon.
/// </summary>
public sealed class ThresholdBrowserTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task When_the_simulator_drains_chat_its_figures_turn_alert_with_their_icon()
    {
        var dashboard = new DashboardPage(await NewPageAsync(), fixture.BaseAddress);
        await dashboard.OpenAsync("supervisor", "supervisor-demo");
        var available = dashboard.Kpi("available-chat");
        var freeSlots = dashboard.Kpi("free-slots-chat");
        await Assertions.Expect(available).ToHaveAttributeAsync("data-level", "ok");
        await Assertions.Expect(freeSlots).ToHaveAttributeAsync("data-level", "ok");

        var simulator = fixture.Services.GetRequiredService<SimulatedPlatform>();
        foreach (var id in simulator.OperatorIds)
        {
            simulator.SetAvailability(id, "chat", false);
        }

        await Assertions.Expect(available).ToHaveTextAsync("0");
        await Assertions.Expect(available).ToHaveAttributeAsync("data-level", "alert");
        await Assertions.Expect(freeSlots).ToHaveTextAsync("0");
        await Assertions.Expect(freeSlots).ToHaveAttributeAsync("data-level", "alert");
        // Never by colour alone: the figure's label carries the alert icon, and says "alert" to a screen reader.
        var label = available.Locator("xpath=following-sibling::*[contains(@class, 'kpi-label')]");
        await Assertions.Expect(label.Locator(".level-icon")).ToHaveTextAsync("✖");
        await Assertions.Expect(label.Locator(".visually-hidden")).ToContainTextAsync("alert");
    }
}
