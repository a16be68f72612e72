using Dashboard.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Webhooks;

public sealed class WebhookReceiverTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingRefresher _refresher = new();
    private readonly WebhookOptions _options = new() { Secret = DeliveryBuilder.Secret, MaxBodyBytes = 1_024 };

    private WebhookTally Tally { get; } = new();

    private WebhookReceiver CreateReceiver()
    {
        var options = Options.Create(_options);
        return new WebhookReceiver(options, new DeliveryDeduplicator(options, _time), _refresher, Tally, NullLogger<WebhookReceiver>.Instance);
    }

    private Task<WebhookOutcome> ReceiveAsync(DeliveryBuilder delivery) => ReceiveAsync(CreateReceiver(), delivery);

    private static Task<WebhookOutcome> ReceiveAsync(WebhookReceiver receiver, DeliveryBuilder delivery) =>
        receiver.ReceiveAsync(delivery.Build(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_signed_delivery_is_accepted_and_the_operator_it_names_is_queued_for_reading()
    {
        var outcome = await ReceiveAsync(DeliveryBuilder.A());

        outcome.ShouldBe(WebhookOutcome.Accepted);
        WebhookReceiver.StatusCode(outcome).ShouldBe(202);
        _refresher.Requested.ShouldBe([42]);
    }

    [Fact]
    public async Task Deliveries_answered_are_counted_as_received_accepted_duplicates_and_rejected()
    {
        var receiver = CreateReceiver();
        var token = TestContext.Current.CancellationToken;

        await receiver.HandleAsync(DeliveryBuilder.A().Event("evt-1").Build(), token);
        await receiver.HandleAsync(DeliveryBuilder.A().Event("evt-1").Build(), token);
        await receiver.HandleAsync(DeliveryBuilder.A().Event("evt-2").SignedWith("not-the-secret").Build(), token);
        await receiver.HandleAsync(DeliveryBuilder.A().Event("evt-3", "v2.conversation.unknown").Correlation("corr-3").Build(), token);

        Tally.Now.ShouldBe(new WebhookCounts(Received: 4, Accepted: 1, Duplicates: 1, Rejected: 1));
    }

    [Fact]
    public async Task A_delivery_signed_with_another_secret_is_refused_401_and_changes_nothing()
    {
        var outcome = await ReceiveAsync(DeliveryBuilder.A().SignedWith("not-the-secret"));

        outcome.ShouldBe(WebhookOutcome.BadSignature);
        WebhookReceiver.StatusCode(outcome).ShouldBe(401);
        _refresher.Requested.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unsigned_delivery_is_refused_401_and_changes_nothing()
    {
        var outcome = await ReceiveAsync(DeliveryBuilder.A().Unsigned());

        outcome.ShouldBe(WebhookOutcome.NotSigned);
        WebhookReceiver.StatusCode(outcome).ShouldBe(401);
        _refresher.Requested.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_signature_with_a_wrong_prefix_is_refused_401()
    {
        var valid = DeliveryBuilder.A().Build().Headers["x-iadvize-signature"].ToString();

        var outcome = await ReceiveAsync(DeliveryBuilder.A().Signature(valid.Replace("sha256=", "sha1=", StringComparison.Ordinal)));

        outcome.ShouldBe(WebhookOutcome.BadSignature);
        _refresher.Requested.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_bad_signature_does_not_use_up_the_event_id_of_the_real_delivery()
    {
        var receiver = CreateReceiver();
        await ReceiveAsync(receiver, DeliveryBuilder.A().SignedWith("forged"));

        var outcome = await ReceiveAsync(receiver, DeliveryBuilder.A());

        outcome.ShouldBe(WebhookOutcome.Accepted);
    }

    [Fact]
    public async Task A_repeated_event_id_answers_200_and_does_nothing()
    {
        var receiver = CreateReceiver();
        await ReceiveAsync(receiver, DeliveryBuilder.A().Event("evt-7").Correlation("corr-a"));

        var outcome = await ReceiveAsync(receiver, DeliveryBuilder.A().Event("evt-7").Correlation("corr-b"));

        outcome.ShouldBe(WebhookOutcome.Duplicate);
        WebhookReceiver.StatusCode(outcome).ShouldBe(200);
        _refresher.Requested.ShouldBe([42]);
    }

    [Fact]
    public async Task A_repeated_correlation_id_answers_200_and_does_nothing()
    {
        var receiver = CreateReceiver();
        await ReceiveAsync(receiver, DeliveryBuilder.A().Event("evt-1").Correlation("corr-same"));

        var outcome = await ReceiveAsync(receiver, DeliveryBuilder.A().Event("evt-2").Correlation("corr-same"));

        outcome.ShouldBe(WebhookOutcome.Duplicate);
        _refresher.Requested.ShouldBe([42]);
    }

    [Fact]
    public async Task Deliveries_without_a_correlation_id_are_told_apart_by_event_id()
    {
        var receiver = CreateReceiver();
        await ReceiveAsync(receiver, DeliveryBuilder.A().Event("evt-1").Correlation(null));

        var outcome = await ReceiveAsync(receiver, DeliveryBuilder.A().Event("evt-2").Correlation(null));

        outcome.ShouldBe(WebhookOutcome.Accepted);
    }

    [Fact]
    public async Task An_event_id_is_forgotten_once_the_deduplication_window_has_passed()
    {
        var receiver = CreateReceiver();
        await ReceiveAsync(receiver, DeliveryBuilder.A());
        _time.Advance(_options.DeduplicationWindow);

        var outcome = await ReceiveAsync(receiver, DeliveryBuilder.A());

        outcome.ShouldBe(WebhookOutcome.Accepted);
    }

    [Fact]
    public async Task A_retry_within_the_window_is_still_a_repeat()
    {
        var receiver = CreateReceiver();
        await ReceiveAsync(receiver, DeliveryBuilder.A());
        _time.Advance(TimeSpan.FromSeconds(40));

        var outcome = await ReceiveAsync(receiver, DeliveryBuilder.A());

        outcome.ShouldBe(WebhookOutcome.Duplicate);
    }

    [Fact]
    public async Task A_body_declared_larger_than_the_limit_is_refused_413()
    {
        var outcome = await ReceiveAsync(DeliveryBuilder.A().Event("evt-big", operatorPart: $"\"userId\": 42, \"pad\": \"{new string('x', 2_000)}\""));

        outcome.ShouldBe(WebhookOutcome.TooLarge);
        WebhookReceiver.StatusCode(outcome).ShouldBe(413);
        _refresher.Requested.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_body_larger_than_the_limit_without_a_content_length_is_refused_413()
    {
        var outcome = await ReceiveAsync(DeliveryBuilder.A().WithoutContentLength()
            .Event("evt-big", operatorPart: $"\"userId\": 42, \"pad\": \"{new string('x', 2_000)}\""));

        outcome.ShouldBe(WebhookOutcome.TooLarge);
        _refresher.Requested.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"eventType\": \"user.connected\", \"userId\": 1}")]
    [InlineData("{\"eventId\": \"\", \"eventType\": \"user.connected\", \"userId\": 1}")]
    [InlineData("{\"eventId\": \"e\", \"userId\": 1}")]
    [InlineData("{\"eventId\": \"e\", \"eventType\": 5, \"userId\": 1}")]
    [InlineData("{\"eventId\": \"e\", \"eventType\": \"user.connected\"")]
    public async Task A_body_that_is_not_a_json_object_with_eventId_and_eventType_is_refused_400(string body)
    {
        var outcome = await ReceiveAsync(DeliveryBuilder.A().WithBody(body));

        outcome.ShouldBe(WebhookOutcome.Malformed);
        WebhookReceiver.StatusCode(outcome).ShouldBe(400);
        _refresher.Requested.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("\"userId\": \"abc\"")]
    [InlineData("\"userId\": -3")]
    [InlineData("\"userId\": 0")]
    [InlineData("\"userId\": 1.5")]
    [InlineData("\"userId\": \"12a\"")]
    [InlineData("\"userId\": \" 12\"")]
    [InlineData("\"userId\": \"+12\"")]
    [InlineData("\"userId\": 99999999999")]
    [InlineData("\"userId\": true")]
    [InlineData("\"userId\": null")]
    [InlineData("\"operatorId\": {}")]
    [InlineData("\"data\": {\"operatorId\": [7]}")]
    public async Task An_operator_id_that_is_not_a_positive_integer_is_refused_400(string operatorPart)
    {
        var outcome = await ReceiveAsync(DeliveryBuilder.A().Event("evt-x", operatorPart: operatorPart));

        outcome.ShouldBe(WebhookOutcome.Malformed);
        _refresher.Requested.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("user.connected", "\"userId\": 42")]
    [InlineData("user.disconnected", "\"userId\": \"42\"")]
    [InlineData("user.availability.updated", "\"operatorId\": 42")]
    [InlineData("user.availability.updated", "\"user_id\": 42")]
    [InlineData("user.availability.updated", "\"data\": {\"userId\": 42}")]
    [InlineData("v2.conversation.pushed", "\"data\": {\"operatorId\": \"42\", \"conversationId\": \"c1\"}")]
    [InlineData("v2.conversation.closed", "\"data\": {\"operator_id\": 42}")]
    [InlineData("v2.conversation.pushed", "\"operator\": {\"id\": 42}")]
    [InlineData("v2.conversation.pushed", "\"userId\": 7, \"data\": {\"operatorId\": 42}")]
    public async Task The_operator_is_read_from_each_plausible_place_and_form(string eventType, string operatorPart)
    {
        var outcome = await ReceiveAsync(DeliveryBuilder.A().Event("evt-ok", eventType, operatorPart));

        outcome.ShouldBe(WebhookOutcome.Accepted);
        _refresher.Requested.ShouldBe([42]);
    }

    [Fact]
    public async Task A_user_event_that_names_no_operator_is_refused_400()
    {
        var outcome = await ReceiveAsync(DeliveryBuilder.A().Event("evt-x", "user.connected", "\"platform\": \"sd\""));

        outcome.ShouldBe(WebhookOutcome.Malformed);
    }

    [Fact]
    public async Task A_conversation_event_that_names_no_operator_is_ignored_with_200()
    {
        var outcome = await ReceiveAsync(DeliveryBuilder.A().Event("evt-x", "v2.conversation.pushed", "\"data\": {\"conversationId\": \"c1\"}"));

        outcome.ShouldBe(WebhookOutcome.Ignored);
        WebhookReceiver.StatusCode(outcome).ShouldBe(200);
        _refresher.Requested.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_event_type_with_a_valid_signature_is_ignored_with_200()
    {
        var outcome = await ReceiveAsync(DeliveryBuilder.A().Event("evt-x", "v2.visitor.updated", "\"userId\": 42"));

        outcome.ShouldBe(WebhookOutcome.Ignored);
        WebhookReceiver.StatusCode(outcome).ShouldBe(200);
        _refresher.Requested.ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_a_secret_the_endpoint_answers_404_whatever_it_is_sent()
    {
        _options.Secret = null;

        var outcome = await ReceiveAsync(DeliveryBuilder.A());

        outcome.ShouldBe(WebhookOutcome.Disabled);
        WebhookReceiver.StatusCode(outcome).ShouldBe(404);
        _refresher.Requested.ShouldBeEmpty();
    }

    private sealed class RecordingRefresher : IOperatorRefresher
    {
        public List<int> Requested { get; } = [];

        public bool Request(int operatorId)
        {
            Requested.Add(operatorId);
            return true;
        }
    }
}
