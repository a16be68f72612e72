using System.Collections.Concurrent;
using System.Text;
using Dashboard.Live;
using Iadvize.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>The app with a webhook secret set, so that both secrets exist to be looked for.</summary>
public sealed class SecretFixture() : BrowserFixture(new Dictionary<string, string> { ["Webhooks:Secret"] = SecretFixture.WebhookSecret })
{
    public const string WebhookSecret = "webhook-secret-that-must-stay-on-the-server";
}

/// <summary>
/// Everything a Manager's browser receives while using every page, as the browser itself receives it: every HTTP
/// response body (pages, scripts, styles) and every WebSocket frame of the Blazor circuit. Neither the API key nor the
/// webhook secret may be in any of it.
/// </summary>
public sealed class SecretScanTests(SecretFixture fixture) : BrowserTest(fixture), IClassFixture<SecretFixture>
{
    [Fact]
    public async Task The_api_key_and_the_webhook_secret_reach_no_page_script_or_circuit_message_of_a_Manager_using_every_page()
    {
        var page = await NewPageAsync();
        var frames = new ConcurrentQueue<string>();
        var responses = new ConcurrentQueue<IResponse>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            frames.Enqueue(frame.Text ?? Encoding.UTF8.GetString(frame.Binary ?? []));
        page.Response += (_, response) => responses.Enqueue(response);
        var dashboard = new DashboardPage(page, fixture.BaseAddress);
        var store = fixture.Services.GetRequiredService<AvailabilityStore>();

        await dashboard.OpenAsync();
        var target = await dashboard.FirstOperatorWithAsync("chat", "available");
        await dashboard.Toggle(target, "chat").ClickAsync();
        await Assertions.Expect(dashboard.Toggle(target, "chat")).ToHaveAttributeAsync("aria-checked", "false");
        foreach (var path in new[] { $"/operators/{target}", "/audit", "/accounts" })
        {
            await page.GotoAsync(new Uri(fixture.BaseAddress, path).ToString());
            await page.Locator("[data-testid=signed-in]").WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        var bodies = new List<string>();
        foreach (var response in responses.Where(r => r.Status == 200))
        {
            try
            {
                bodies.Add(Encoding.UTF8.GetString(await response.BodyAsync()));
            }
            catch (PlaywrightException)
            {
                // A page navigated away from before its body was kept: the next page load fetched the same things again.
            }
        }

        frames.ShouldContain(frame => frame.Contains(store.Current.Find(target)!.Name, StringComparison.Ordinal), "the circuit's messages were seen and read");
        bodies.ShouldContain(body => body.Contains("Blazor", StringComparison.Ordinal), "the framework's script was seen");
        store.Current.Find(target)!.Chat.Status.ShouldNotBe(ChannelStatus.Available);
        var secrets = new[] { fixture.Services.GetRequiredService<SimulatedPlatform>().ApiKey, SecretFixture.WebhookSecret };
        foreach (var text in frames.Concat(bodies))
        {
            foreach (var secret in secrets)
            {
                text.ShouldNotContain(secret);
            }
        }
    }
}
