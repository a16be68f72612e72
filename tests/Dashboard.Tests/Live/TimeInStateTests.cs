using Dashboard.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Live;

public sealed class TimeInStateTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("time-in-state-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void An_operator_seen_for_the_first_time_has_unknown_starts()
    {
        var store = new AvailabilityStore();

        store.PublishSnapshot([OperatorBuilder.An(1).WithCall()], At);

        var op = store.Current.Find(1)!;
        op.Chat.Since.ShouldBeNull();
        op.Call.Since.ShouldBeNull();
        op.Video.Since.ShouldBeNull();
    }

    [Fact]
    public void A_status_change_starts_at_the_change_sets_time_and_other_channels_stay_unknown()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1).WithCall()], At);

        store.PublishSnapshot([OperatorBuilder.An(1).WithCall().WithChat(available: false)], At.AddSeconds(3));

        var op = store.Current.Find(1)!;
        op.Chat.Status.ShouldBe(ChannelStatus.Unavailable);
        op.Chat.Since.ShouldBe(At.AddSeconds(3));
        op.Call.Since.ShouldBeNull();
    }

    [Fact]
    public void A_slot_change_within_the_same_status_keeps_the_start()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1).WithChat(available: false)], At);
        store.PublishSnapshot([OperatorBuilder.An(1)], At.AddSeconds(3));

        var changeSet = store.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: 1)], At.AddSeconds(6));

        changeSet.ShouldNotBeNull();
        var chat = store.Current.Find(1)!.Chat;
        chat.Slots.ShouldBe(1);
        chat.Status.ShouldBe(ChannelStatus.Available);
        chat.Since.ShouldBe(At.AddSeconds(3));
    }

    [Fact]
    public void A_fresh_state_equal_but_for_the_start_is_no_change_and_keeps_the_stored_instance()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1).WithChat(available: false), OperatorBuilder.An(2)], At);
        store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2)], At.AddSeconds(3));
        var stored = store.Current.Find(1)!;

        var changeSet = store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2)], At.AddSeconds(6));

        changeSet.ShouldBeNull();
        store.Current.Find(1).ShouldBeSameAs(stored);
        stored.Chat.Since.ShouldBe(At.AddSeconds(3));
    }

    [Fact]
    public void The_change_set_carries_the_start_to_listeners()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1)], At);

        var changeSet = store.PublishSnapshot([OperatorBuilder.An(1).WithChat(available: false)], At.AddSeconds(3));

        changeSet!.Changes.ShouldHaveSingleItem().Current!.Chat.Since.ShouldBe(At.AddSeconds(3));
    }

    [Fact]
    public void Removal_forgets_the_start()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1)], At);
        store.PublishSnapshot([OperatorBuilder.An(1).WithChat(available: false)], At.AddSeconds(3));

        store.PublishSnapshot([], At.AddSeconds(6));
        store.PublishSnapshot([OperatorBuilder.An(1).WithChat(available: false)], At.AddSeconds(9));

        store.Current.Find(1)!.Chat.Since.ShouldBeNull();
    }

    [Fact]
    public void A_verified_command_result_is_a_transition_too()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1)], At);

        store.PublishOperator(OperatorBuilder.An(1).WithChat(available: false), At.AddSeconds(1));
        store.PublishSnapshot([OperatorBuilder.An(1).WithChat(available: false, slots: 1)], At.AddSeconds(3));

        var chat = store.Current.Find(1)!.Chat;
        chat.Status.ShouldBe(ChannelStatus.Unavailable);
        chat.Since.ShouldBe(At.AddSeconds(1));
    }

    [Fact]
    public async Task After_a_restart_unchanged_statuses_keep_their_start_and_changed_ones_are_unknown()
    {
        var before = new AvailabilityStore();
        before.PublishSnapshot([OperatorBuilder.An(1).WithCall(), OperatorBuilder.An(2)], At);
        before.PublishSnapshot([OperatorBuilder.An(1).WithChat(available: false).WithCall(available: false), OperatorBuilder.An(2).WithChat(available: false)], At.AddSeconds(3));
        await File().WriteAsync(before.Current, TestContext.Current.CancellationToken);

        var after = new AvailabilityStore(File().Read());
        // While the app was down, operator 1's call went back to available; everything else held.
        after.PublishSnapshot([OperatorBuilder.An(1).WithChat(available: false).WithCall(), OperatorBuilder.An(2).WithChat(available: false)], At.AddMinutes(5));

        var one = after.Current.Find(1)!;
        one.Chat.Since.ShouldBe(At.AddSeconds(3));
        one.Call.Since.ShouldBeNull();
        one.Video.Since.ShouldBeNull();
        after.Current.Find(2)!.Chat.Since.ShouldBe(At.AddSeconds(3));
    }

    [Fact]
    public void Persisted_starts_count_only_for_the_first_snapshot_after_the_start()
    {
        var store = new AvailabilityStore([new PersistedStart(2, ChannelKind.Chat, ChannelStatus.Available, At)]);
        store.PublishSnapshot([OperatorBuilder.An(1)], At.AddMinutes(5));

        store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2)], At.AddMinutes(6));

        store.Current.Find(2)!.Chat.Since.ShouldBeNull();
    }

    [Fact]
    public void A_corrupt_file_means_every_start_is_unknown()
    {
        var file = File();
        System.IO.File.WriteAllText(file.FilePath, "{\"version\":1,\"starts\":[{\"operatorId\":1,");

        var starts = file.Read();

        starts.ShouldBeEmpty();
        var store = new AvailabilityStore(starts);
        store.PublishSnapshot([OperatorBuilder.An(1)], At);
        store.Current.Find(1)!.Chat.Since.ShouldBeNull();
    }

    [Fact]
    public void A_missing_file_means_every_start_is_unknown()
    {
        File().Read().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_file_is_replaced_whole_and_holds_only_known_starts()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1), OperatorBuilder.An(2)], At);
        store.PublishSnapshot([OperatorBuilder.An(1).WithChat(available: false), OperatorBuilder.An(2)], At.AddSeconds(3));
        var file = File();
        await file.WriteAsync(store.Current, TestContext.Current.CancellationToken);
        await file.WriteAsync(store.Current, TestContext.Current.CancellationToken);

        file.Read().ShouldBe([new PersistedStart(1, ChannelKind.Chat, ChannelStatus.Unavailable, At.AddSeconds(3))]);
        Directory.GetFiles(_directory).ShouldBe([file.FilePath]);
    }

    private TimeInStateFile File() => new(Path.Combine(_directory, "time-in-state.json"), NullLogger<TimeInStateFile>.Instance);
}
