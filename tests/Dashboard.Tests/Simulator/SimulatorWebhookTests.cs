using System.Net;
using System.Security.Cryptography;
using System.Text;
using Iadvize.Simulator;
using Iadvize.Simulator.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Simulator;

public sealed class SimulatorWebhookTests : IAsyncDisposable
{
    private const string Secret = "simulator-webhook-secret";
    private static readonly Uri Receiver = new("https://receiver.example/webhooks/iadvize");

    private readonly WebhookInbox _inbox = new();
    private readonly ObservedTimeProvider _time = new(new FakeTimeProvider(SimulatorHost.Start));
    private WebApplication? _app;

    private SimulatedPlatform Platform => _app!.Services.GetRequiredService<SimulatedPlatform>();

    private WebhookSender Sender => _app!.Services.GetRequiredService<WebhookSender>();

    private async Task StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddIadvizeSimulator(o =>
        {
            o.RunActivity = false;
            o.ApiKey = SimulatorHost.ApiKey;
            o.Webhooks.Url = Receiver;
            o.Webhooks.Secret = Secret;
            configure?.Invoke(o);
        });
        builder.Services.AddHttpClient(WebhookSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _inbox);
        var app = builder.Build();
        app.MapIadvizeSimulator();
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        _inbox.Release();
        if (_app is not null)
        {
            await _app.StopAsync(TestContext.Current.CancellationToken);
            await _app.DisposeAsync();
        }
    }

    private int AvailableOnChat(int skip = 0) =>
        Platform.OperatorIds.Where(id => Platform.GetLive(id)!.Chat.Available).Skip(skip).First();

    [Fact]
    public async Task A_change_of_availability_is_posted_as_json_signed_over_the_raw_body_with_the_iadvize_headers()
    {
        await StartAsync();
        var id = AvailableOnChat();

        Platform.SetAvailability(id, "chat", false);

        var webhook = await _inbox.NextAsync();
        webhook.Url.ShouldBe(Receiver);
        webhook.ContentType.ShouldBe("application/json");
        webhook.EventType.ShouldBe("user.availability.updated");
        webhook.Payload.GetProperty("userId").GetInt32().ShouldBe(id);
        webhook.EventId.ShouldNotBeNullOrWhiteSpace();
        webhook.Header("x-iadvize-delivery").ShouldNotBeNullOrWhiteSpace();
        webhook.Header("x-iadvize-correlationid").ShouldNotBeNullOrWhiteSpace();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), webhook.Body));
        webhook.Header("x-iadvize-signature").ShouldBe(expected);
    }

    [Fact]
    public async Task Logging_out_and_in_are_posted_as_user_disconnected_then_user_connected()
    {
        await StartAsync();
        var id = AvailableOnChat();

        Platform.Disconnect(id);
        Platform.Connect(id);

        (await _inbox.NextAsync()).EventType.ShouldBe("user.disconnected");
        var connected = await _inbox.NextAsync();
        connected.EventType.ShouldBe("user.connected");
        connected.Payload.GetProperty("userId").GetInt32().ShouldBe(id);
    }

    [Fact]
    public async Task A_put_over_http_is_posted_as_one_availability_update()
    {
        await StartAsync();
        var id = AvailableOnChat();
        using var client = _app!.GetTestClient();
        client.DefaultRequestHeaders.Add("X-API-Key", SimulatorHost.ApiKey);
        using var form = new StringContent("chat[available]=0&call[available]=0", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await client.PutAsync($"/simulator/api/2/operator/{id}/live", form, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var webhook = await _inbox.NextAsync();
        webhook.EventType.ShouldBe("user.availability.updated");
        webhook.Payload.GetProperty("userId").GetInt32().ShouldBe(id);
    }

    [Fact]
    public async Task A_conversation_starting_and_ending_is_posted_with_the_operator_and_channel_in_data()
    {
        await StartAsync(o => o.ContactsPerMinute = 0);
        var id = Platform.OperatorIds.First(i => Platform.GetLive(i)!.Chat is { Available: true } chat && chat.SlotNumber == 0);

        Platform.StartConversation(id, "chat").ShouldBeTrue();
        var pushed = await _inbox.NextAsync("v2.conversation.pushed");
        var data = pushed.Payload.GetProperty("data");
        data.GetProperty("operatorId").GetString().ShouldBe(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        data.GetProperty("channel").GetString().ShouldBe("chat");
        var conversation = data.GetProperty("conversationId").GetString();

        // A handled conversation lasts at most 120 ticks; the operator stays put since nothing else is asked of them.
        for (var tick = 0; tick < 121 && Platform.GetLive(id)!.Chat.SlotNumber > 0; tick++)
        {
            Platform.Step();
        }

        var closed = await _inbox.NextAsync("v2.conversation.closed", w => w.Payload.GetProperty("data").GetProperty("conversationId").GetString() == conversation);
        closed.Payload.GetProperty("data").GetProperty("operatorId").GetString().ShouldBe(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_failed_delivery_is_tried_again_after_10_then_30_seconds_as_the_same_event_then_given_up()
    {
        await StartAsync();
        _inbox.Answer = HttpStatusCode.InternalServerError;
        var id = AvailableOnChat();

        Platform.SetAvailability(id, "chat", false);
        var first = await _inbox.NextAsync();
        (await _time.NextTimerAsync(TestContext.Current.CancellationToken)).ShouldBe(TimeSpan.FromSeconds(10));
        _time.Fake.Advance(TimeSpan.FromSeconds(10));
        var second = await _inbox.NextAsync();
        (await _time.NextTimerAsync(TestContext.Current.CancellationToken)).ShouldBe(TimeSpan.FromSeconds(30));
        _time.Fake.Advance(TimeSpan.FromSeconds(30));
        var third = await _inbox.NextAsync();

        new[] { second, third }.ShouldAllBe(w => w.Body.SequenceEqual(first.Body));
        new[] { second, third }.ShouldAllBe(w => w.Header("x-iadvize-correlationid") == first.Header("x-iadvize-correlationid"));
        new[] { first, second, third }.Select(w => w.Header("x-iadvize-delivery")).Distinct().Count().ShouldBe(3);

        // The next event goes through the same loop, so by the time it is sent the first one has been given up.
        _inbox.Answer = HttpStatusCode.OK;
        Platform.SetAvailability(id, "chat", true);
        (await _inbox.NextAsync()).EventId.ShouldNotBe(first.EventId);
        Sender.Abandoned.ShouldBe(1);
    }

    [Fact]
    public async Task While_the_receiver_hangs_changes_go_on_and_the_queue_drops_the_oldest_and_counts_them()
    {
        await StartAsync(o => o.Webhooks.QueueCapacity = 2);
        var ids = Platform.OperatorIds.Where(id => Platform.GetLive(id)!.Chat.Available).Take(6).ToList();
        _inbox.Hold();
        Platform.SetAvailability(ids[0], "chat", false);
        (await _inbox.NextAsync()).Payload.GetProperty("userId").GetInt32().ShouldBe(ids[0]);

        foreach (var id in ids.Skip(1))
        {
            Platform.SetAvailability(id, "chat", false);
        }

        Sender.Dropped.ShouldBe(3);
        _inbox.Release();
        (await _inbox.NextAsync()).Payload.GetProperty("userId").GetInt32().ShouldBe(ids[4]);
        (await _inbox.NextAsync()).Payload.GetProperty("userId").GetInt32().ShouldBe(ids[5]);
    }

    [Fact]
    public async Task Without_a_url_the_sender_stays_idle()
    {
        await StartAsync(o => o.Webhooks.Url = null);

        Sender.IsEnabled.ShouldBeFalse();
    }

    [Theory]
    [InlineData("/webhooks/iadvize", "Simulator:Webhooks:Url")]
    [InlineData("ftp://receiver.example/hook", "Simulator:Webhooks:Url")]
    public async Task An_invalid_webhook_url_stops_the_simulator_at_start_naming_the_setting(string url, string named)
    {
        var failure = await Should.ThrowAsync<OptionsValidationException>(() => StartAsync(o => o.Webhooks.Url = new Uri(url, UriKind.RelativeOrAbsolute)));

        failure.Failures.ShouldContain(f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_url_without_a_secret_stops_the_simulator_at_start_naming_the_secret()
    {
        var failure = await Should.ThrowAsync<OptionsValidationException>(() => StartAsync(o => o.Webhooks.Secret = null));

        failure.Failures.ShouldContain(f => f.Contains("Simulator:Webhooks:Secret", StringComparison.Ordinal));
    }
}
