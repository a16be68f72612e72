using Iadvize.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>A Manager switches off a busy operator: iAdvize still says busy, the switch says off.</summary>
public sealed class SwitchedOffBrowserTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Switching_off_a_busy_operator_shows_the_switch_off_busy_until_contacts_end()
    {
        var dashboard = new DashboardPage(await NewPageAsync(1366, 768), fixture.BaseAddress);
        await dashboard.OpenAsync();
        var simulator = fixture.Services.GetRequiredService<SimulatedPlatform>();
        var id = await dashboard.FirstOperatorWithAsync("chat", "available");
        while (simulator.StartConversation(id, "chat"))
        {
        }

        var cell = dashboard.Channel(id, "chat");
        var toggle = dashboard.Toggle(id, "chat");
        await Assertions.Expect(cell).ToHaveAttributeAsync("data-state", "busy", new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-checked", "true");

        await toggle.ClickAsync();

        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-checked", "false", new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 });
        await Assertions.Expect(cell).ToHaveAttributeAsync("data-state", "busy");
        await Assertions.Expect(cell).ToContainTextAsync("off · busy until contacts end");
        await dashboard.Operator(id).ScrollIntoViewIfNeededAsync();
        await dashboard.Operator(id).ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine("screenshots", "switched-off-row.png") });
    }
}
