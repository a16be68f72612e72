using System.Net;
using System.Text;
using Iadvize.Simulator;

namespace Dashboard.Tests.Simulator;

public sealed class SimulatorAvailabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Put_form_body_sets_the_channel_availability()
    {
        await using var host = await SimulatorHost.StartAsync();
        var id = FirstLive(host.Platform, l => l.Chat.Available).Id;

        var off = await host.PutFormAsync(id, "chat%5Bavailable%5D=0");
        var afterOff = host.Platform.GetLive(id)!;
        var on = await host.PutFormAsync(id, "chat%5Bavailable%5D=1");
        var afterOn = host.Platform.GetLive(id)!;

        off.StatusCode.ShouldBe(HttpStatusCode.OK);
        off.Status.ShouldBe("success");
        off.Message.ShouldBe("Operator is now unavailable for chat channel.");
        afterOff.Chat.Available.ShouldBeFalse();
        afterOff.Connected.ShouldBeTrue();
        on.Message.ShouldBe("Operator is now available for chat channel.");
        afterOn.Chat.Available.ShouldBeTrue();
    }

    [Fact]
    public async Task Put_is_recorded_with_the_raw_body_as_sent()
    {
        await using var host = await SimulatorHost.StartAsync();
        var id = host.Platform.OperatorIds[0];
        using var content = new FormUrlEncodedContent([new("chat[available]", "1")]);

        using var response = await host.Client.PutAsync($"operator/{id}/live", content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var recorded = host.Platform.Requests.ShouldHaveSingleItem();
        recorded.Method.ShouldBe("PUT");
        recorded.Path.ShouldBe($"{SimulatorHost.Prefix}/operator/{id}/live");
        recorded.ContentType.ShouldNotBeNull().ShouldStartWith("application/x-www-form-urlencoded");
        recorded.Body.ShouldBe("chat%5Bavailable%5D=1");
        recorded.ReceivedAt.ShouldBe(SimulatorHost.Start);
    }

    [Fact]
    public async Task Put_with_several_fields_joins_the_messages()
    {
        await using var host = await SimulatorHost.StartAsync();
        var id = FirstLive(host.Platform, l => l.Connected && l.Chat.Enabled && l.Call.Enabled).Id;

        var response = await host.PutFormAsync(id, "call%5Bavailable%5D=1&chat%5Bavailable%5D=0");

        response.Message.ShouldBe("Operator is now unavailable for chat channel. Operator is now available for call channel.");
        host.Platform.GetLive(id)!.Chat.Available.ShouldBeFalse();
    }

    [Fact]
    public async Task Put_connected_0_disconnects_and_ends_conversations()
    {
        await using var host = await SimulatorHost.StartAsync();
        var id = FirstLive(host.Platform, l => l.Connected && l.Chat.SlotNumber > 0).Id;

        var response = await host.PutFormAsync(id, "connected=0");

        response.Message.ShouldBe("Operator is now disconnected.");
        var live = host.Platform.GetLive(id)!;
        live.Connected.ShouldBeFalse();
        foreach (var channel in new[] { live.Chat, live.Call, live.Video })
        {
            channel.SlotNumber.ShouldBe(0);
            channel.Available.ShouldBeFalse();
        }

        (await host.GetAsync("operator/live?limit=100")).Ids.ShouldNotContain(id);
        (await host.GetAsync("operator/live?connected=0&limit=100")).Ids.ShouldContain(id);
    }

    [Theory]
    [InlineData("chat%5Bavailable%5D=2")]
    [InlineData("chat%5Bavailable%5D=yes")]
    [InlineData("chat%5Bavailable%5D=")]
    [InlineData("chat%5Bavailable%5D=1&chat%5Bavailable%5D=0")]
    [InlineData("sms%5Bavailable%5D=1")]
    [InlineData("connected=1")]
    [InlineData("")]
    public async Task Put_rejects_invalid_input_but_still_records_it(string body)
    {
        await using var host = await SimulatorHost.StartAsync();
        var id = host.Platform.OperatorIds[0];
        var before = host.Platform.Version;

        var response = await host.PutFormAsync(id, body);

        response.ShouldFail(HttpStatusCode.BadRequest);
        host.Platform.Version.ShouldBe(before);
        host.Platform.Requests.ShouldHaveSingleItem().Body.ShouldBe(body);
    }

    [Fact]
    public async Task Put_rejects_a_json_body()
    {
        await using var host = await SimulatorHost.StartAsync();
        var id = host.Platform.OperatorIds[0];

        var response = await host.PutFormAsync(id, """{"chat":{"available":1}}""", "application/json");

        response.ShouldFail(HttpStatusCode.BadRequest);
        response.Message.ShouldNotBeNull().ShouldContain("application/x-www-form-urlencoded");
    }

    [Fact]
    public async Task Put_to_an_unknown_operator_answers_the_fail_envelope()
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await host.PutFormAsync(456, "chat%5Bavailable%5D=1");

        response.ShouldFail(HttpStatusCode.NotFound, "Unknown 'operator' with 'id' 456.");
    }

    [Fact]
    public async Task Recorded_requests_keep_the_last_1000_oldest_first()
    {
        await using var host = await SimulatorHost.StartAsync();
        var id = host.Platform.OperatorIds[0];

        for (var i = 0; i < 1_005; i++)
        {
            using var content = new StringContent($"chat%5Bavailable%5D={i % 2}&n={i}", Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await host.Client.PutAsync($"operator/{id}/live", content, Ct);
        }

        var requests = host.Platform.Requests;
        requests.Count.ShouldBe(1_000);
        requests[0].Body.ShouldEndWith("n=5");
        requests[^1].Body.ShouldEndWith("n=1004");
    }

    private static SimulatedLive FirstLive(SimulatedPlatform platform, Func<SimulatedLive, bool> predicate) =>
        platform.OperatorIds.Select(id => platform.GetLive(id)!).First(predicate);
}
