using Dashboard.Commands;
using Dashboard.Live;

namespace Dashboard.Tests.Commands;

/// <summary>The one set of rules single changes, bulk changes and the hub share: what is impossible, what is pointless.</summary>
public sealed class ChangeRulesTests
{
    [Fact]
    public void An_offline_operator_cannot_be_made_available_and_is_already_unavailable()
    {
        OperatorState offline = OperatorBuilder.An(3).Offline();

        var available = ChangeRules.ForChannel(offline, ChannelKind.Chat, available: true).ShouldNotBeNull();
        available.Pointless.ShouldBeFalse();
        available.Reason.ShouldBe("offline: cannot be made available");
        available.Sentence.ShouldBe("Operator 003 is offline: an offline operator cannot be made available.");

        var unavailable = ChangeRules.ForChannel(offline, ChannelKind.Chat, available: false).ShouldNotBeNull();
        unavailable.Pointless.ShouldBeTrue();
        unavailable.Sentence.ShouldBe("Operator 003 is already offline on chat.");
    }

    [Fact]
    public void A_channel_that_is_not_enabled_cannot_be_switched_either_way()
    {
        OperatorState op = OperatorBuilder.An(4).WithChat(enabled: false);

        foreach (var available in new[] { true, false })
        {
            var obstacle = ChangeRules.ForChannel(op, ChannelKind.Chat, available).ShouldNotBeNull();
            obstacle.Pointless.ShouldBeFalse();
            obstacle.Reason.ShouldBe("chat not enabled");
            obstacle.Sentence.ShouldBe("The chat channel is not enabled for Operator 004.");
        }
    }

    [Fact]
    public void Asking_for_what_already_is_is_pointless_and_busy_counts_as_available()
    {
        OperatorState busy = OperatorBuilder.An(5).WithChat(slots: 3, max: 3);
        OperatorState unavailable = OperatorBuilder.An(2).WithChat(available: false);

        var again = ChangeRules.ForChannel(busy, ChannelKind.Chat, available: true).ShouldNotBeNull();
        again.Pointless.ShouldBeTrue();
        again.Reason.ShouldBe("already available");
        again.Sentence.ShouldBe("Operator 005 is already busy on chat.");
        ChangeRules.ForChannel(unavailable, ChannelKind.Chat, available: false).ShouldNotBeNull().Reason.ShouldBe("already unavailable");
    }

    [Fact]
    public void A_change_that_moves_something_has_no_obstacle()
    {
        ChangeRules.ForChannel(OperatorBuilder.An(5).WithChat(slots: 3, max: 3), ChannelKind.Chat, available: false).ShouldBeNull();
        ChangeRules.ForChannel(OperatorBuilder.An(2).WithChat(available: false), ChannelKind.Chat, available: true).ShouldBeNull();
        ChangeRules.ForDisconnect(OperatorBuilder.An(1)).ShouldBeNull();
        ChangeRules.ForDisconnect(OperatorBuilder.An(3).Offline()).ShouldNotBeNull().Pointless.ShouldBeTrue();
    }

    [Fact]
    public void A_busy_channel_switched_off_is_already_off_and_may_be_switched_on_again()
    {
        OperatorState busy = OperatorBuilder.An(5).WithChat(slots: 3, max: 3);
        var switchedOff = busy.With(ChannelKind.Chat, busy.Chat.AfterSwitch(available: false));

        var again = ChangeRules.ForChannel(switchedOff, ChannelKind.Chat, available: false).ShouldNotBeNull();
        again.Pointless.ShouldBeTrue();
        again.Reason.ShouldBe("already unavailable");
        again.Sentence.ShouldBe("Operator 005 is already switched off on chat, busy until the contacts in hand end.");
        ChangeRules.ForChannel(switchedOff, ChannelKind.Chat, available: true).ShouldBeNull();
    }
}
