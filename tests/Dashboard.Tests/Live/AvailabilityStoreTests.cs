using Dashboard.Live;

namespace Dashboard.Tests.Live;

public sealed class AvailabilityStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_poll_that_began_before_a_verified_change_does_not_undo_it()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2)], At);
        store.PublishOperator(OperatorBuilder.An(1).WithChat(available: false), At.AddSeconds(2));

        store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2).WithChat(slots: 1)], At.AddSeconds(3), readStartedAt: At.AddSeconds(1));

        store.Current.Find(1)!.Chat.Status.ShouldBe(ChannelStatus.Unavailable);
        store.Current.Find(2)!.Chat.Slots.ShouldBe(1);

        store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2).WithChat(slots: 1)], At.AddSeconds(6), readStartedAt: At.AddSeconds(4));

        store.Current.Find(1)!.Chat.Status.ShouldBe(ChannelStatus.Available);
    }

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

    [Fact]
    public void Changes_since_a_sequence_are_the_later_change_sets_in_order()
    {
        var store = new AvailabilityStore();
        var first = store.PublishSnapshot([OperatorBuilder.An(1)], At);
        var second = store.PublishOperator(OperatorBuilder.An(1).WithChat(slots: 1), At.AddSeconds(1));
        var third = store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2)], At.AddSeconds(3));

        var changes = store.ChangesSince(1);

        changes.ShouldBe([second!, third!], ignoreOrder: false);
        store.ChangesSince(0).ShouldBe([first!, second!, third!], ignoreOrder: false);
    }

    [Fact]
    public void Changes_since_the_current_sequence_are_none()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1)], At);

        var changes = store.ChangesSince(store.Current.Sequence);

        changes.ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    public void Changes_since_a_sequence_no_longer_kept_are_unknown_so_the_client_needs_a_snapshot()
    {
        var store = new AvailabilityStore();
        for (var slots = 0; slots < AvailabilityStore.ChangeSetsKept + 2; slots++)
        {
            store.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: slots, max: 1_000)], At.AddSeconds(slots));
        }

        var last = store.Current.Sequence;

        store.ChangesSince(last - AvailabilityStore.ChangeSetsKept - 1).ShouldBeNull();
        var oldestAnswerable = store.ChangesSince(last - AvailabilityStore.ChangeSetsKept).ShouldNotBeNull();
        oldestAnswerable.Count.ShouldBe(AvailabilityStore.ChangeSetsKept);
        oldestAnswerable.Select(c => c.Sequence).ShouldBe(Enumerable.Range(3, AvailabilityStore.ChangeSetsKept).Select(s => (long)s));
    }

    [Fact]
    public void Mass_changes_are_kept_only_up_to_the_bound_on_operator_changes()
    {
        var store = new AvailabilityStore();
        var count = AvailabilityStore.OperatorChangesKept * 3 / 5;
        store.PublishSnapshot(Enumerable.Range(1, count).Select(id => OperatorBuilder.An(id).Build()).ToList(), At);

        // Everyone logs off: together with the first change set, more operator changes than the store keeps.
        store.PublishSnapshot(Enumerable.Range(1, count).Select(id => OperatorBuilder.An(id).Offline().Build()).ToList(), At.AddSeconds(3));

        store.ChangesSince(0).ShouldBeNull();
        store.ChangesSince(1).ShouldNotBeNull().ShouldHaveSingleItem().Changes.Count.ShouldBe(count);
    }

    [Fact]
    public void Changes_since_a_sequence_the_store_never_reached_are_unknown()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1)], At);

        // A client that followed an earlier run of the server: its numbers mean nothing here.
        var changes = store.ChangesSince(40);

        changes.ShouldBeNull();
    }

    [Fact]
    public void Subscribing_answers_the_snapshot_the_first_delivered_change_set_follows()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1)], At);
        var late = new RecordingObserver();
        Snapshot? lateStart = null;
        IDisposable? lateSubscription = null;
        // Subscribes while change set 2 is being announced: the worst moment for a Current-then-Subscribe reader.
        using var subscription = store.Subscribe(new CallbackObserver(changeSet =>
        {
            if (changeSet.Sequence == 2)
            {
                lateSubscription = store.Subscribe(late, out var current);
                lateStart = current;
            }
        }));

        store.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: 1)], At.AddSeconds(3));
        store.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: 2)], At.AddSeconds(6));
        lateSubscription!.Dispose();

        lateStart!.Sequence.ShouldBe(2);
        lateStart.Find(1)!.Chat.Slots.ShouldBe(1);
        late.ChangeSets.Where(c => c.Sequence > lateStart.Sequence).Select(c => c.Sequence).ShouldBe([3L]);
    }

    [Fact]
    public async Task A_subscriber_racing_a_writer_misses_no_change_set_after_its_snapshot()
    {
        var store = new AvailabilityStore();
        const int Publishes = 2_000;
        // The writer starts once the first subscriber is in: on a busy machine it could otherwise finish before any.
        using var firstSubscribed = new ManualResetEventSlim();
        var writer = Task.Run(() =>
        {
            firstSubscribed.Wait(TestContext.Current.CancellationToken);
            for (var slots = 1; slots <= Publishes; slots++)
            {
                store.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: slots, max: 10_000)], At.AddSeconds(slots));
            }
        }, TestContext.Current.CancellationToken);
        var subscribers = new List<(RecordingObserver Observer, Snapshot Start, IDisposable Subscription)>();

        while (!writer.IsCompleted && subscribers.Count < 300)
        {
            // Spread the subscriptions across the writer's run rather than piling them all up at its start.
            Thread.SpinWait(2_000);
            var observer = new RecordingObserver();
            var subscription = store.Subscribe(observer, out var start);
            subscribers.Add((observer, start, subscription));
            firstSubscribed.Set();
        }

        await writer;
        subscribers.Count.ShouldBeGreaterThan(0);
        foreach (var (observer, start, subscription) in subscribers)
        {
            subscription.Dispose();
            var expected = Enumerable.Range((int)start.Sequence + 1, Publishes - (int)start.Sequence).Select(s => (long)s);
            observer.ChangeSets.Where(c => c.Sequence > start.Sequence).Select(c => c.Sequence).ShouldBe(expected);
        }
    }

    [Fact]
    public async Task Observers_hear_change_sets_in_sequence_order_when_two_writers_publish_at_once()
    {
        var store = new AvailabilityStore();
        var observer = new RecordingObserver();
        using var subscription = store.Subscribe(observer);
        var cancellation = TestContext.Current.CancellationToken;

        await Task.WhenAll(
            Task.Run(() =>
            {
                for (var slots = 1; slots <= 500; slots++)
                {
                    store.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: slots, max: 1_000), OperatorBuilder.An(2)], At.AddSeconds(slots));
                }
            }, cancellation),
            Task.Run(() =>
            {
                for (var slots = 1; slots <= 500; slots++)
                {
                    store.PublishOperator(OperatorBuilder.An(3).WithChat(slots: slots, max: 1_000), At.AddSeconds(slots));
                }
            }, cancellation));

        observer.ChangeSets.Select(c => c.Sequence).ShouldBe(Enumerable.Range(1, (int)store.Current.Sequence).Select(s => (long)s));
    }

    private sealed class RecordingObserver : IAvailabilityObserver
    {
        public List<ChangeSet> ChangeSets { get; } = [];

        public void OnChanges(ChangeSet changeSet) => ChangeSets.Add(changeSet);

        public void OnHealth(UpstreamHealth health)
        {
        }
    }

    private sealed class CallbackObserver(Action<ChangeSet> onChanges) : IAvailabilityObserver
    {
        public void OnChanges(ChangeSet changeSet) => onChanges(changeSet);

        public void OnHealth(UpstreamHealth health)
        {
        }
    }
}
