using Dashboard.Live;

namespace Dashboard.Tests.Live;

public sealed class AvailabilityStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_change_set_gets_the_next_sequence_number_and_quiet_polls_get_none()
    {
        var store = new AvailabilityStore();
        var observer = new RecordingObserver();
        using var subscription = store.Subscribe(observer);

        store.PublishSnapshot([OperatorBuilder.An(1)], At);
        store.PublishSnapshot([OperatorBuilder.An(1)], At.AddSeconds(3));
        store.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: 1)], At.AddSeconds(6));

        observer.ChangeSets.Select(c => c.Sequence).ShouldBe([1L, 2L]);
        store.Current.Sequence.ShouldBe(2);
        store.Current.TakenAt.ShouldBe(At.AddSeconds(6));
    }

    [Fact]
    public void A_failure_keeps_the_last_good_picture_and_counts_in_the_health()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1)], At);

        store.ReportFailure("boom", At.AddSeconds(3));
        store.ReportFailure("boom again", At.AddSeconds(6));

        store.Current.Operators.ShouldHaveSingleItem().Id.ShouldBe(1);
        store.Health.ConsecutiveFailures.ShouldBe(2);
        store.Health.LastError.ShouldBe("boom again");
        store.Health.IsStale(At.AddSeconds(6), TimeSpan.FromSeconds(3)).ShouldBeFalse();
        store.Health.IsStale(At.AddSeconds(7), TimeSpan.FromSeconds(3)).ShouldBeTrue();
    }

    [Fact]
    public void Publishing_one_operator_changes_only_that_operator()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2)], At);

        var changeSet = store.PublishOperator(OperatorBuilder.An(2).WithChat(available: false), At.AddSeconds(1));

        changeSet!.Changes.ShouldHaveSingleItem().Channels.ShouldBe(ChannelMask.Chat);
        store.Current.Find(2)!.Chat.Status.ShouldBe(ChannelStatus.Unavailable);
        store.Current.Find(1)!.Chat.Status.ShouldBe(ChannelStatus.Available);
    }

    [Fact]
    public void A_disposed_subscription_hears_nothing_more()
    {
        var store = new AvailabilityStore();
        var observer = new RecordingObserver();
        store.Subscribe(observer).Dispose();

        store.PublishSnapshot([OperatorBuilder.An(1)], At);

        observer.ChangeSets.ShouldBeEmpty();
        store.ObserverCount.ShouldBe(0);
    }

    private sealed class RecordingObserver : IAvailabilityObserver
    {
        public List<ChangeSet> ChangeSets { get; } = [];

        public void OnChanges(ChangeSet changeSet) => ChangeSets.Add(changeSet);

        public void OnHealth(UpstreamHealth health)
        {
        }
    }
}
