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

    [Fact]
    public void Applying_keeps_every_unchanged_operator_as_the_same_instance()
    {
        var before = Snapshots.Of(OperatorBuilder.An(1), OperatorBuilder.An(2), OperatorBuilder.An(3));
        OperatorState[] after = [OperatorBuilder.An(1), OperatorBuilder.An(2).WithChat(slots: 1), OperatorBuilder.An(3)];

        var next = SnapshotDiff.Apply(before, SnapshotDiff.Compute(before, after), 2, DateTimeOffset.UnixEpoch);

        next.Find(1).ShouldBeSameAs(before.Find(1));
        next.Find(3).ShouldBeSameAs(before.Find(3));
        next.Find(2).ShouldBeSameAs(after[1]);
        next.Operators.Select(o => o.Id).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public void Applying_no_change_keeps_the_same_operators_under_the_new_number()
    {
        var before = Snapshots.Of(OperatorBuilder.An(1), OperatorBuilder.An(2));
        var takenAt = DateTimeOffset.UnixEpoch.AddSeconds(3);

        var next = SnapshotDiff.Apply(before, [], 1, takenAt);

        next.Operators.ShouldBe(before.Operators, ignoreOrder: false);
        next.Operators[0].ShouldBeSameAs(before.Operators[0]);
        next.TakenAt.ShouldBe(takenAt);
        next.Find(2).ShouldBeSameAs(before.Find(2));
    }

    [Fact]
    public void Applying_leaves_the_snapshot_it_started_from_as_it_was()
    {
        var before = Snapshots.Of(OperatorBuilder.An(1), OperatorBuilder.An(2));
        var original = before.Find(2);

        SnapshotDiff.Apply(before, SnapshotDiff.Compute(before, [OperatorBuilder.An(1), OperatorBuilder.An(2).WithChat(slots: 2)]), 2, null);

        before.Find(2).ShouldBeSameAs(original);
        before.Operators[1].ShouldBeSameAs(original);
    }

    [Fact]
    public void Applying_a_rename_moves_the_operator_to_its_place_in_the_order()
    {
        var before = Snapshots.Of(OperatorBuilder.An(1).Named("Anna"), OperatorBuilder.An(2).Named("Bruno"), OperatorBuilder.An(3).Named("Chloe"));

        var next = SnapshotDiff.Apply(before,
            SnapshotDiff.Compute(before, [OperatorBuilder.An(1).Named("Zoe"), OperatorBuilder.An(2).Named("Bruno"), OperatorBuilder.An(3).Named("Chloe")]),
            2, null);

        next.Operators.Select(o => o.Name).ShouldBe(["Bruno", "Chloe", "Zoe"]);
        next.Find(1)!.Name.ShouldBe("Zoe");
        next.Find(3).ShouldBeSameAs(before.Find(3));
    }

    [Fact]
    public void Applying_additions_removals_and_renames_gives_the_order_a_full_sort_gives()
    {
        var before = new Snapshot(1, null, Enumerable.Range(1, 200).Select(id => OperatorBuilder.An(id).Named($"Name {id * 37 % 101}").Build()));
        var after = Enumerable.Range(1, 230)
            .Where(id => id % 9 != 0)
            .Select(id => OperatorBuilder.An(id).Named(id % 13 == 0 ? $"renamed {id}" : $"Name {id * 37 % 101}").Build())
            .ToList();

        var next = SnapshotDiff.Apply(before, SnapshotDiff.Compute(before, after), 2, null);

        next.Operators.ShouldBe(new Snapshot(2, null, after).Operators, ignoreOrder: false);
        next.Operators.Length.ShouldBe(after.Count);
        after.ShouldAllBe(op => next.Find(op.Id) == op);
        next.Contains(9).ShouldBeFalse();
        next.Find(1).ShouldBeSameAs(before.Find(1));
    }

    [Fact]
    public void When_one_operator_is_changed_twice_the_later_change_wins()
    {
        var before = Snapshots.Of(OperatorBuilder.An(1), OperatorBuilder.An(2));
        OperatorState renamed = OperatorBuilder.An(2).Named("Zed"), back = OperatorBuilder.An(2).WithChat(slots: 1);

        var next = SnapshotDiff.Apply(before,
            [
                new OperatorChange(2, ChangeKind.Updated, renamed, ChannelMask.None),
                new OperatorChange(2, ChangeKind.Updated, back, ChannelMask.Chat),
                new OperatorChange(7, ChangeKind.Added, OperatorBuilder.An(7), ChannelMask.Chat),
                new OperatorChange(7, ChangeKind.Removed, null, ChannelMask.None),
            ],
            2, null);

        next.Operators.ShouldBe([before.Find(1)!, back], ignoreOrder: false);
        next.Contains(7).ShouldBeFalse();
    }

    [Fact]
    public void Diff_reports_removed_operators_in_the_snapshot_order_after_the_others()
    {
        var before = Snapshots.Of(OperatorBuilder.An(1), OperatorBuilder.An(2), OperatorBuilder.An(3), OperatorBuilder.An(4));

        var changes = SnapshotDiff.Compute(before, [OperatorBuilder.An(3), OperatorBuilder.An(5)]);

        changes.Select(c => (c.OperatorId, c.Kind)).ShouldBe([(5, ChangeKind.Added), (1, ChangeKind.Removed), (2, ChangeKind.Removed), (4, ChangeKind.Removed)]);
    }

    [Fact]
    public void Diff_compares_by_value_not_by_instance()
    {
        var before = Snapshots.Of(OperatorBuilder.An(1), OperatorBuilder.An(2));

        var changes = SnapshotDiff.Compute(before, new HashSet<OperatorState> { OperatorBuilder.An(2), OperatorBuilder.An(1) });

        changes.ShouldBeEmpty();
    }
}
