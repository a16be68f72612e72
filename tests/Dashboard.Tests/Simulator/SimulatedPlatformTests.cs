using Iadvize.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Simulator;

public sealed class SimulatedPlatformTests
{
    [Fact]
    public void Same_seed_gives_identical_live_states_after_100_steps()
    {
        var first = NewPlatform();
        var second = NewPlatform();

        for (var i = 0; i < 100; i++)
        {
            first.Step();
            second.Step();
        }

        second.OperatorIds.ShouldBe(first.OperatorIds);
        Live(second).ShouldBe(Live(first));
        second.Version.ShouldBe(first.Version);
    }

    [Fact]
    public void Different_seeds_give_different_platforms()
    {
        var first = NewPlatform(o => o.Seed = 1);
        var second = NewPlatform(o => o.Seed = 2);

        Live(second).ShouldNotBe(Live(first));
    }

    [Fact]
    public void Start_state_looks_alive()
    {
        var platform = NewPlatform();

        var live = Live(platform);

        live.Count(l => l.Connected).ShouldBeInRange(33, 51);
        live.Sum(l => l.Chat.SlotNumber).ShouldBeGreaterThan(20);
        live.ShouldContain(l => l.Chat.Busy);
        live.ShouldContain(l => l.Chat.Available);
    }

    [Fact]
    public void Busy_and_available_invariants_hold_over_500_steps()
    {
        var platform = NewPlatform();

        for (var i = 0; i < 500; i++)
        {
            platform.Step();
            foreach (var live in Live(platform))
            {
                foreach (var channel in new[] { live.Chat, live.Call, live.Video })
                {
                    channel.SlotNumber.ShouldBeInRange(0, channel.SlotMaxNumber);
                    channel.Busy.ShouldBe(channel.SlotMaxNumber > 0 && channel.SlotNumber == channel.SlotMaxNumber);
                    if (channel.Available)
                    {
                        live.Connected.ShouldBeTrue();
                        channel.Enabled.ShouldBeTrue();
                        channel.Busy.ShouldBeFalse();
                    }

                    if (!channel.Enabled || !live.Connected)
                    {
                        channel.SlotNumber.ShouldBe(0);
                        channel.Available.ShouldBeFalse();
                    }
                }

                live.Call.SlotMaxNumber.ShouldBe(1);
                live.Video.SlotMaxNumber.ShouldBe(1);
            }
        }
    }

    [Fact]
    public void Chat_occupancy_stays_between_half_and_seventy_percent_of_connected_slots()
    {
        var platform = NewPlatform();
        var samples = new List<double>();

        for (var i = 0; i < 600; i++)
        {
            platform.Step();
            if (i >= 100)
            {
                var chat = Live(platform).Where(l => l.Connected && l.Chat.Enabled).Select(l => l.Chat).ToList();
                samples.Add(chat.Sum(c => c.SlotNumber) / (double)chat.Sum(c => c.SlotMaxNumber));
            }
        }

        samples.Average().ShouldBeInRange(0.45, 0.72);
    }

    [Fact]
    public void Something_visible_changes_every_few_ticks()
    {
        var platform = NewPlatform();
        var changedTicks = 0;

        for (var i = 0; i < 20; i++)
        {
            var before = Live(platform);
            platform.Step();
            if (!Live(platform).SequenceEqual(before))
            {
                changedTicks++;
            }
        }

        changedTicks.ShouldBeGreaterThan(10);
    }

    [Fact]
    public void Operators_log_in_and_out_now_and_then_but_not_constantly()
    {
        var platform = NewPlatform();
        var transitions = 0;
        var previous = Live(platform).Select(l => l.Connected).ToArray();

        for (var i = 0; i < 300; i++)
        {
            platform.Step();
            var current = Live(platform).Select(l => l.Connected).ToArray();
            transitions += current.Zip(previous, (a, b) => a != b).Count(changed => changed);
            previous = current;
        }

        transitions.ShouldBeInRange(10, 60);
    }

    [Fact]
    public void Operator_set_unavailable_keeps_conversations_gets_no_new_ones_and_stays_unavailable()
    {
        var platform = NewPlatform();
        var id = platform.OperatorIds.First(id => platform.GetLive(id)!.Chat.SlotNumber > 0);
        platform.SetAvailability(id, "chat", available: false);
        var slots = platform.GetLive(id)!.Chat.SlotNumber;

        for (var i = 0; i < 300; i++)
        {
            platform.Step();
            var live = platform.GetLive(id)!;
            live.Chat.SlotNumber.ShouldBeLessThanOrEqualTo(slots);
            live.Chat.Available.ShouldBeFalse();
            live.Connected.ShouldBeTrue();
            slots = live.Chat.SlotNumber;
        }

        slots.ShouldBe(0);
        platform.StartConversation(id, "chat").ShouldBeFalse();
        platform.SetAvailability(id, "chat", available: true);
        platform.GetLive(id)!.Chat.Available.ShouldBeTrue();
    }

    [Fact]
    public void Disconnect_ends_conversations_and_a_quick_reconnect_starts_clean()
    {
        var platform = NewPlatform();
        var id = platform.OperatorIds.First(id => platform.GetLive(id)!.Chat.SlotNumber > 0);

        platform.Disconnect(id);
        var offline = platform.GetLive(id)!;
        platform.Connect(id);
        for (var i = 0; i < 200; i++)
        {
            platform.Step();
            platform.GetLive(id)!.Chat.SlotNumber.ShouldBeGreaterThanOrEqualTo(0);
        }

        offline.Connected.ShouldBeFalse();
        offline.Chat.SlotNumber.ShouldBe(0);
        offline.Chat.Available.ShouldBeFalse();
    }

    [Fact]
    public void Connect_makes_an_operator_available_on_enabled_channels_only()
    {
        var platform = NewPlatform();
        var id = platform.OperatorIds.First(id => !platform.GetLive(id)!.Connected && !platform.GetLive(id)!.Video.Enabled);

        platform.Connect(id);

        var live = platform.GetLive(id)!;
        live.Connected.ShouldBeTrue();
        live.Chat.Available.ShouldBe(live.Chat.Enabled);
        live.Call.Available.ShouldBe(live.Call.Enabled);
        live.Video.Available.ShouldBeFalse();
        platform.StartConversation(id, "video").ShouldBeFalse();
    }

    [Fact]
    public void A_call_takes_the_only_slot_and_makes_the_operator_busy()
    {
        var platform = NewPlatform();
        var id = platform.OperatorIds.First(id => platform.GetLive(id)!.Call.Available);

        platform.StartConversation(id, "call").ShouldBeTrue();

        var call = platform.GetLive(id)!.Call;
        call.SlotNumber.ShouldBe(1);
        call.Busy.ShouldBeTrue();
        call.Available.ShouldBeFalse();
        platform.StartConversation(id, "call").ShouldBeFalse();
    }

    [Fact]
    public void Changes_bump_the_version()
    {
        var platform = NewPlatform();
        var id = platform.OperatorIds.First(id => platform.GetLive(id)!.Chat.Available);
        var before = platform.Version;

        platform.SetAvailability(id, "chat", available: false);

        platform.Version.ShouldBeGreaterThan(before);
    }

    [Fact]
    public void Unknown_channel_or_operator_is_an_argument_error()
    {
        var platform = NewPlatform();

        Should.Throw<ArgumentException>(() => platform.SetAvailability(platform.OperatorIds[0], "sms", true));
        Should.Throw<ArgumentException>(() => platform.SetAvailability(456, "chat", true));
        platform.GetLive(456).ShouldBeNull();
        platform.StartConversation(456, "chat").ShouldBeFalse();
    }

    [Fact]
    public void Ten_thousand_operators_step_with_invariants_intact()
    {
        var platform = NewPlatform(o => o.OperatorCount = 10_000);

        for (var i = 0; i < 50; i++)
        {
            platform.Step();
        }

        var live = Live(platform);
        live.Count.ShouldBe(10_000);
        live.ShouldAllBe(l => l.Chat.SlotNumber <= l.Chat.SlotMaxNumber && (!l.Chat.Available || l.Connected));
        (live.Sum(l => l.Chat.SlotNumber) / (double)live.Where(l => l.Connected && l.Chat.Enabled).Sum(l => l.Chat.SlotMaxNumber))
            .ShouldBeInRange(0.45, 0.72);
    }

    private static SimulatedPlatform NewPlatform(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { RunActivity = false };
        configure?.Invoke(options);
        return new SimulatedPlatform(options, new FakeTimeProvider());
    }

    private static List<SimulatedLive> Live(SimulatedPlatform platform) =>
        [.. platform.OperatorIds.Select(id => platform.GetLive(id)!)];
}
