using System.Globalization;
using Iadvize.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>The headers and origin checks as a browser applies them, with a Manager signed in.</summary>
public sealed class SecurityBrowserTests(BrowserFixture fixture) : BrowserTest(fixture), IClassFixture<BrowserFixture>
{
    private IBrowserContext _context = default!;
    private DashboardPage _dashboard = default!;
    private readonly List<string> _violations = [];

    public override async ValueTask InitializeAsync()
    {
        _context = await NewContextAsync();
        var page = await _context.NewPageAsync();
        // Chromium reports a Content-Security-Policy refusal on the console ("Refused to ... because it violates ...").
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _violations.Add(message.Text);
            }
        };
        _dashboard = new DashboardPage(page, fixture.BaseAddress);
    }

    private SimulatedPlatform Simulator => fixture.Services.GetRequiredService<SimulatedPlatform>();

    [Fact]
    public async Task The_pages_work_under_their_content_security_policy_without_a_violation()
    {
        await _dashboard.OpenAsync();
        var id = await _dashboard.FirstOperatorWithAsync("chat", "available");
        var toggle = _dashboard.Toggle(id, "chat");
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-checked", "false");
        foreach (var path in new[] { "/audit", "/accounts", $"/operators/{id}", "/simulator/admin" })
        {
            await _dashboard.Page.GotoAsync(new Uri(fixture.BaseAddress, path).ToString());
            await _dashboard.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        _violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_page_on_another_port_cannot_use_the_Managers_sign_in_on_the_hub_a_circuit_or_the_simulators_form()
    {
        await _dashboard.OpenAsync();
        var id = await _dashboard.FirstOperatorWithAsync("chat", "available");
        var app = fixture.BaseAddress.GetLeftPart(UriPartial.Authority);
        await using var evil = await StartOtherOriginAsync(AttackPage(app, id));

        var attack = await _context.NewPageAsync();
        await attack.GotoAsync(evil.Urls.First());
        await Assertions.Expect(attack.Locator("#hub")).ToHaveTextAsync("closed", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await Assertions.Expect(attack.Locator("#circuit")).ToHaveTextAsync("closed", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await attack.Locator("#posted").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 15_000 });

        Simulator.GetLive(id)!.Chat.Available.ShouldBeTrue();
        Simulator.Faults.ShouldBe(SimulatorFaults.None);
    }

    private static async Task<WebApplication> StartOtherOriginAsync(string html)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var other = builder.Build();
        other.MapGet("/", () => Results.Content(html, "text/html"));
        await other.StartAsync(TestContext.Current.CancellationToken);
        return other;
    }

    // What a page elsewhere on the same site would try: the hub over a WebSocket (no negotiation, so no CORS), switching
    // an operator off; and the simulator's form, posted in a hidden frame (a form post needs no CORS either).
    private static string AttackPage(string app, int operatorId) => string.Create(CultureInfo.InvariantCulture, $$"""
        <!DOCTYPE html><html><body>
        <p id="hub">opening</p>
        <p id="circuit">opening</p>
        <iframe name="sink" id="sink"></iframe>
        <form id="form" method="post" action="{{app}}/simulator/admin" target="sink">
          <input name="errorPercent" value="100"><input name="action" value="apply">
        </form>
        <script>
          const hub = document.getElementById('hub');
          const socket = new WebSocket('{{app.Replace("http", "ws", StringComparison.Ordinal)}}/hubs/availability');
          socket.onopen = () => {
            socket.send('{"protocol":"json","version":1}\u001e');
            socket.send('{"type":1,"invocationId":"1","target":"SetChannelAvailability","arguments":[{{operatorId}},"chat",false]}\u001e');
          };
          socket.onmessage = event => hub.dataset.answer = event.data;
          socket.onclose = () => hub.textContent = 'closed';
          // Blazor's circuit hub, the way its own script reaches it.
          const circuit = new WebSocket('{{app.Replace("http", "ws", StringComparison.Ordinal)}}/_blazor');
          circuit.onopen = () => circuit.send('{"protocol":"blazorpack","version":1}\u001e');
          circuit.onclose = () => document.getElementById('circuit').textContent = 'closed';
          document.getElementById('sink').addEventListener('load', () => {
            const done = document.createElement('p'); done.id = 'posted'; document.body.appendChild(done);
          }, { once: true });
          document.getElementById('form').submit();
        </script>
        </body></html>
        """);
}
