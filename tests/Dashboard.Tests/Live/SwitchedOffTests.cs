using Dashboard.Live;

namespace Dashboard.Tests.Live;

/// <summary>
/// A channel switched off while busy: iAdvize reports it busy and not available, exactly as a busy channel switched on,
/// so the store keeps what the verified change said until the channel is no longer busy.
/// </summary>
public sealed class SwitchedOffTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    // Busy on chat, 3 of 3 slots: what iAdvize says whether the switch is on or off.
    private static readonly OperatorState Busy = OperatorBuilder.An(1).WithChat(slots: 3, max: 3);

    private static OperatorState SwitchedOff(OperatorState op) => op.With(ChannelKind.Chat, op.Chat.AfterSwitch(available: false));

    private static AvailabilityStore StoreWithSwitchedOff()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([Busy, OperatorBuilder.An(2)], At);
        store.PublishVerified(SwitchedOff(Busy), At.AddSeconds(1));
        return store;
    }

    [Fact]
    public void A_verified_switch_off_of_a_busy_channel_is_a_change_though_iadvize_says_the_same()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1)], At);
        store.PublishSnapshot([Busy], At.AddSeconds(1));

        var changeSet = store.PublishVerified(SwitchedOff(Busy), At.AddSeconds(2));

        changeSet.ShouldNotBeNull();
        changeSet.Changes.Single().Channels.ShouldBe(ChannelMask.Chat);
        var chat = store.Current.Find(1)!.Chat;
        (chat.Status, chat.SwitchedOff, chat.IsTakingContacts).ShouldBe((ChannelStatus.Busy, true, false));
        chat.Since.ShouldBe(At.AddSeconds(1), "still the same busy spell");
    }

    [Fact]
    public void Polls_and_webhook_reads_that_still_say_busy_keep_the_switch_off_quietly()
    {
        var store = StoreWithSwitchedOff();

        store.PublishSnapshot([Busy, OperatorBuilder.An(2)], At.AddSeconds(3)).ShouldBeNull();
        store.PublishOperator(Busy, At.AddSeconds(4)).ShouldBeNull();
        // Another operator's change makes a change set; the switched-off one is untouched.
        store.PublishSnapshot([Busy, OperatorBuilder.An(2).WithChat(slots: 1)], At.AddSeconds(6)).ShouldNotBeNull();

        store.Current.Find(1)!.Chat.SwitchedOff.ShouldBeTrue();
    }

    [Fact]
    public void Another_channel_of_the_same_operator_changing_keeps_the_switch_off()
    {
        var store = StoreWithSwitchedOff();

        store.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: 3, max: 3).WithCall(), OperatorBuilder.An(2)], At.AddSeconds(3));

        store.Current.Find(1)!.Chat.SwitchedOff.ShouldBeTrue();
    }

    [Fact]
    public void Once_a_contact_ends_iadvize_can_tell_again_and_the_remembered_switch_goes()
    {
        var store = StoreWithSwitchedOff();

        store.PublishSnapshot([OperatorBuilder.An(1).WithChat(available: false, slots: 2, max: 3), OperatorBuilder.An(2)], At.AddSeconds(3));

        var chat = store.Current.Find(1)!.Chat;
        (chat.Status, chat.SwitchedOff).ShouldBe((ChannelStatus.Unavailable, false));
    }

    [Fact]
    public void A_verified_switch_on_while_still_busy_shows_the_switch_on_again()
    {
        var store = StoreWithSwitchedOff();

        var changeSet = store.PublishVerified(Busy.With(ChannelKind.Chat, Busy.Chat.AfterSwitch(available: true)), At.AddSeconds(2));

        changeSet.ShouldNotBeNull();
        var chat = store.Current.Find(1)!.Chat;
        (chat.Status, chat.SwitchedOff, chat.IsTakingContacts).ShouldBe((ChannelStatus.Busy, false, true));
    }

    [Fact]
    public void Switching_off_a_channel_that_is_not_busy_remembers_nothing_the_upstream_does_not_say()
    {
        var unavailable = OperatorBuilder.An(1).WithChat(available: false, slots: 1, max: 3).Build();

        unavailable.Chat.AfterSwitch(available: false).ShouldBeSameAs(unavailable.Chat);
    }
}
