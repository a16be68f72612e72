using Dashboard.Live;

namespace Dashboard.Tests.Live;

public sealed class SnapshotDiffTests
{
    [Fact]
    public void Diff_of_identical_pictures_is_empty()
    {
        var before = Snapshots.Of(OperatorBuilder.An(1), OperatorBuilder.An(2).WithCall());

        var changes = SnapshotDiff.Compute(before, [OperatorBuilder.An(1), OperatorBuilder.An(2).WithCall()]);

        changes.ShouldBeEmpty();
    }

    [Fact]
    public void Diff_reports_only_the_operator_and_channel_that_changed()
    {
        var before = Snapshots.Of(OperatorBuilder.An(1).WithCall(), OperatorBuilder.An(2).WithCall());

        var changes = SnapshotDiff.Compute(before, [OperatorBuilder.An(1).WithCall(), OperatorBuilder.An(2).WithCall().WithChat(slots: 1)]);

        var change = changes.ShouldHaveSingleItem();
        change.OperatorId.ShouldBe(2);
        change.Kind.ShouldBe(ChangeKind.Updated);
        change.Channels.ShouldBe(ChannelMask.Chat);
        change.Current!.Chat.Slots.ShouldBe(1);
    }

    [Fact]
    public void Diff_reports_an_operator_that_appears_as_added()
    {
        var before = Snapshots.Of(OperatorBuilder.An(1));

        var changes = SnapshotDiff.Compute(before, [OperatorBuilder.An(1), OperatorBuilder.An(7)]);

        var change = changes.ShouldHaveSingleItem();
        change.OperatorId.ShouldBe(7);
        change.Kind.ShouldBe(ChangeKind.Added);
        change.Current.ShouldNotBeNull();
    }

    [Fact]
    public void Diff_reports_an_operator_that_disappears_as_removed()
    {
        var before = Snapshots.Of(OperatorBuilder.An(1), OperatorBuilder.An(2));

        var changes = SnapshotDiff.Compute(before, [OperatorBuilder.An(1)]);

        var change = changes.ShouldHaveSingleItem();
        change.OperatorId.ShouldBe(2);
        change.Kind.ShouldBe(ChangeKind.Removed);
        change.Current.ShouldBeNull();
    }

    [Fact]
    public void Going_offline_turns_every_channel_offline_even_disabled_ones()
    {
        var before = Snapshots.Of(OperatorBuilder.An(1).WithCall());

        var change = SnapshotDiff.Compute(before, [OperatorBuilder.An(1).WithCall().Offline()]).ShouldHaveSingleItem();

        change.Channels.ShouldBe(ChannelMask.Chat | ChannelMask.Call | ChannelMask.Video);
        change.Current!.Chat.Status.ShouldBe(ChannelStatus.Offline);
        change.Current.Video.Status.ShouldBe(ChannelStatus.Offline);
    }

    [Fact]
    public void Applying_a_diff_to_the_old_picture_gives_the_new_one()
    {
        var before = Snapshots.Of(OperatorBuilder.An(1), OperatorBuilder.An(2), OperatorBuilder.An(3));
        OperatorState[] after = [OperatorBuilder.An(1).WithChat(slots: 2), OperatorBuilder.An(3), OperatorBuilder.An(4)];

        var next = SnapshotDiff.Apply(before, SnapshotDiff.Compute(before, after), 2, DateTimeOffset.UnixEpoch);

        next.Operators.ShouldBe(after.OrderBy(o => o.Name), ignoreOrder: false);
    }
}
