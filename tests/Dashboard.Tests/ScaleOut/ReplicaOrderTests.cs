using Dashboard.ScaleOut;

namespace Dashboard.Tests.ScaleOut;

public sealed class ReplicaOrderTests
{
    private static readonly Guid Term = Guid.NewGuid();

    [Fact]
    public void Change_sets_apply_in_order_after_a_snapshot_of_their_term()
    {
        var order = new ReplicaOrder();

        order.OnSnapshot(Term, 10, applied: 0).ShouldBe(ReplicaStep.Apply);
        order.OnChanges(Term, 11, applied: 10).ShouldBe(ReplicaStep.Apply);
        order.OnChanges(Term, 12, applied: 11).ShouldBe(ReplicaStep.Apply);
        order.IsBehind.ShouldBeFalse();
    }

    [Fact]
    public void A_change_set_already_applied_or_older_is_dropped()
    {
        var order = new ReplicaOrder();
        order.OnSnapshot(Term, 10, applied: 0);

        order.OnChanges(Term, 10, applied: 10).ShouldBe(ReplicaStep.Skip);
        order.OnChanges(Term, 9, applied: 10).ShouldBe(ReplicaStep.Skip);
        order.IsBehind.ShouldBeFalse();
    }

    [Fact]
    public void A_gap_leaves_the_follower_behind_once_until_the_next_snapshot()
    {
        var order = new ReplicaOrder();
        order.OnSnapshot(Term, 10, applied: 0);

        order.OnChanges(Term, 12, applied: 10).ShouldBe(ReplicaStep.Behind);
        order.OnChanges(Term, 13, applied: 10).ShouldBe(ReplicaStep.Skip);
        order.OnChanges(Term, 11, applied: 10).ShouldBe(ReplicaStep.Skip);
        order.OnHealth(Term, 13, applied: 10).ShouldBe(ReplicaStep.Skip);
        order.IsBehind.ShouldBeTrue();

        order.OnSnapshot(Term, 13, applied: 10).ShouldBe(ReplicaStep.Apply);
        order.IsBehind.ShouldBeFalse();
        order.OnChanges(Term, 14, applied: 13).ShouldBe(ReplicaStep.Apply);
    }

    [Fact]
    public void Nothing_applies_before_the_first_snapshot()
    {
        var order = new ReplicaOrder();

        order.OnChanges(Term, 1, applied: 0).ShouldBe(ReplicaStep.Behind);
        order.OnHealth(Term, 1, applied: 0).ShouldBe(ReplicaStep.Skip);
        order.OnChanges(Term, 2, applied: 0).ShouldBe(ReplicaStep.Skip);
    }

    [Fact]
    public void A_new_polling_instance_is_followed_from_its_snapshot_only()
    {
        var order = new ReplicaOrder();
        order.OnSnapshot(Term, 10, applied: 0);
        var next = Guid.NewGuid();

        order.OnChanges(next, 11, applied: 10).ShouldBe(ReplicaStep.Behind);
        order.OnSnapshot(next, 12, applied: 10).ShouldBe(ReplicaStep.Apply);
        order.OnChanges(Term, 13, applied: 12).ShouldBe(ReplicaStep.Behind);
    }

    [Fact]
    public void Health_numbered_above_the_picture_shows_that_change_sets_were_missed()
    {
        var order = new ReplicaOrder();
        order.OnSnapshot(Term, 10, applied: 0);

        order.OnHealth(Term, 10, applied: 10).ShouldBe(ReplicaStep.Apply);
        order.OnHealth(Term, 11, applied: 10).ShouldBe(ReplicaStep.Behind);
    }

    [Fact]
    public void An_older_snapshot_of_the_same_term_is_dropped()
    {
        var order = new ReplicaOrder();
        order.OnSnapshot(Term, 10, applied: 0);
        order.OnChanges(Term, 11, applied: 10);

        order.OnSnapshot(Term, 10, applied: 11).ShouldBe(ReplicaStep.Skip);
        order.OnSnapshot(Term, 11, applied: 11).ShouldBe(ReplicaStep.Apply);
    }
}
