using System.Net;
using System.Text;
using Dashboard.Live;
using Dashboard.Tests.Integration;
using Dashboard.Webhooks;
using Iadvize.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Webhooks;

/// <summary>
/// The app on its embedded simulator with webhooks on and polling so slow that no second poll happens during a test: any
/// change the hub shows after the first snapshot came through a webhook.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class WebhookPipelineTests : IAsyncLifetime
{
    private const string Secret = "pipeline-secret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly DashboardFactory _factory = new();

    public WebhookPipelineTests()
    {
        _factory.Settings["Webhooks:Secret"] = Secret;
        _factory.Settings["Polling:LiveInterval"] = "00:10:00";
        _factory.Settings["Polling:RosterInterval"] = "00:10:00";
    }

    private AvailabilityStore Store => _factory.Services.GetRequiredService<AvailabilityStore>();

    private SimulatedPlatform Simulator => _factory.Services.GetRequiredService<SimulatedPlatform>();

    public async ValueTask InitializeAsync()
    {
        await _factory.StartAndWaitForFirstSnapshotAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_change_of_availability_in_the_simulator_reaches_the_hub_through_a_webhook_before_the_next_poll()
    {
        await using var hub = await HubRecorder.ConnectAsync(_factory);
        var snapshot = await hub.SnapshotAsync();
        var target = snapshot.Operators.First(o => o.Chat.Status == ChannelStatus.Available);

        Simulator.SetAvailability(target.Id, "chat", false);

        var (state, _) = await hub.NextChangeAsync(target.Id, s => s.Chat.Status == ChannelStatus.Unavailable, Patience);
        state.Name.ShouldBe(target.Name);
        state.Group.ShouldBe(target.Group);
        Store.Current.TakenAt.ShouldBe(snapshot.TakenAt, "a poll ran: the change may not have come from the webhook");
    }

    [Fact]
    public async Task A_disconnection_in_the_simulator_reaches_the_hub_through_a_webhook_before_the_next_poll()
    {
        await using var hub = await HubRecorder.ConnectAsync(_factory);
        var snapshot = await hub.SnapshotAsync();
        var target = snapshot.Operators.First(o => o.Connected);

        Simulator.Disconnect(target.Id);

        var (state, _) = await hub.NextChangeAsync(target.Id, s => !s.Connected, Patience);
        state.Chat.Status.ShouldBe(ChannelStatus.Offline);
        Store.Current.TakenAt.ShouldBe(snapshot.TakenAt, "a poll ran: the change may not have come from the webhook");
    }

    [Fact]
    public async Task A_conversation_started_in_the_simulator_shows_its_slot_on_the_hub()
    {
        await using var hub = await HubRecorder.ConnectAsync(_factory);
        var snapshot = await hub.SnapshotAsync();
        var target = snapshot.Operators.First(o => o.Chat.Status == ChannelStatus.Available && o.Chat.Slots + 1 < o.Chat.MaxSlots);

        Simulator.StartConversation(target.Id, "chat").ShouldBeTrue();

        await hub.NextChangeAsync(target.Id, s => s.Chat.Slots == target.Chat.Slots + 1, Patience);
    }

    [Fact]
    public async Task A_delivery_signed_with_the_secret_is_accepted_and_its_repeat_answered_200()
    {
        using var http = _factory.CreateClient();
        var body = """{"eventId":"manual-1","eventType":"user.availability.updated","userId":1}""";

        using var first = await PostAsync(http, body, WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes(Secret)));
        using var repeat = await PostAsync(http, body, WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes(Secret)));

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        repeat.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_forged_delivery_is_refused_401_and_the_picture_does_not_move()
    {
        using var http = _factory.CreateClient();
        var before = Store.Current.Sequence;
        var body = """{"eventId":"forged-1","eventType":"user.disconnected","userId":1}""";

        using var response = await PostAsync(http, body, WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes("guess")));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain(Secret);
        Store.Current.Sequence.ShouldBe(before);
    }

    [Fact]
    public async Task An_oversized_delivery_is_refused_413()
    {
        using var http = _factory.CreateClient();
        var body = $$"""{"eventId":"big","eventType":"user.connected","userId":1,"pad":"{{new string('x', 70_000)}}"}""";

        using var response = await PostAsync(http, body, WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes(Secret)));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string body, string signature)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhooksExtensions.Path) { Content = content };
        request.Headers.Add("x-iadvize-signature", signature);
        request.Headers.Add("x-iadvize-delivery", Guid.NewGuid().ToString());
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}

[Trait("Kind", "Integration")]
public sealed class WebhooksOffTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Without_a_secret_the_webhook_endpoint_answers_404_and_the_simulator_sends_nothing()
    {
        using var http = _factory.CreateClient();
        using var content = new StringContent("""{"eventId":"1","eventType":"user.connected","userId":1}""", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri(WebhooksExtensions.Path, UriKind.Relative), content, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        _factory.Services.GetRequiredService<Iadvize.Simulator.Webhooks.WebhookSender>().IsEnabled.ShouldBeFalse();
    }
}
