using System.Text;
using Dashboard.Live;
using Dashboard.ScaleOut;

namespace Dashboard.Tests.ScaleOut;

public sealed class ReplicaMessageTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Sender = Guid.NewGuid();
    private static readonly Guid Term = Guid.NewGuid();

    [Fact]
    public void A_snapshot_round_trips_with_time_in_state_and_details()
    {
        var leader = Leader(out _);
        leader.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: 3, max: 3), OperatorBuilder.An(2).Offline()], At.AddSeconds(5));
        var message = ReplicaMessage.ForSnapshot(Sender, Term, leader.Current, leader.Health, leader.WatchingSince);

        var read = ReplicaMessage.Deserialize(message.Serialize())!;

        read.Kind.ShouldBe(ReplicaKind.Snapshot);
        read.Term.ShouldBe(Term);
        read.Sequence.ShouldBe(leader.Current.Sequence);
        read.TakenAt.ShouldBe(leader.Current.TakenAt);
        read.Health.ShouldBe(leader.Health);
        read.WatchingSince.ShouldBe(At);
        read.ToOperators().ShouldBe(leader.Current.Operators, ignoreOrder: true);
        read.ToOperators().Select(op => op.Chat.Since).ShouldBe(leader.Current.Operators.Select(op => op.Chat.Since), ignoreOrder: true);
    }

    [Fact]
    public void A_change_set_round_trips_and_a_follower_applying_it_shows_the_same_picture()
    {
        var leader = Leader(out var first);
        var follower = new AvailabilityStore();
        var snapshot = ReplicaMessage.Deserialize(ReplicaMessage.ForSnapshot(Sender, Term, leader.Current, leader.Health, leader.WatchingSince).Serialize())!;
        follower.ReplaceReplicated(snapshot.Sequence, snapshot.TakenAt, snapshot.ToOperators(), snapshot.Health!, snapshot.WatchingSince);

        var changeSet = leader.PublishSnapshot([OperatorBuilder.An(1).WithChat(available: false), OperatorBuilder.An(3)], At.AddSeconds(6))!;
        var read = ReplicaMessage.Deserialize(ReplicaMessage.ForChanges(Sender, Term, changeSet, leader.Current.TakenAt).Serialize())!;
        follower.ApplyReplicated(read.ToChangeSet(), read.TakenAt);

        read.ToChangeSet().Changes.Select(c => (c.OperatorId, c.Kind, c.Channels)).ShouldBe(changeSet.Changes.Select(c => (c.OperatorId, c.Kind, c.Channels)));
        follower.Current.Sequence.ShouldBe(leader.Current.Sequence);
        follower.Current.TakenAt.ShouldBe(leader.Current.TakenAt);
        follower.Current.Operators.ShouldBe(leader.Current.Operators);
        follower.Current.Find(1)!.Chat.Since.ShouldBe(At.AddSeconds(6));
        first.Sequence.ShouldBeLessThan(follower.Current.Sequence);
    }

    [Fact]
    public void Defaults_are_left_out_and_names_are_short()
    {
        var leader = new AvailabilityStore();
        leader.PublishSnapshot([OperatorBuilder.An(7).Offline()], At);

        var json = Encoding.UTF8.GetString(ReplicaMessage.ForSnapshot(Sender, Term, leader.Current, leader.Health, null).Serialize());

        json.ShouldNotContain("false");
        json.ShouldNotContain("null");
        json.ShouldNotContain("Operator\":");
        json.Length.ShouldBeLessThan(500);
    }

    [Fact]
    public void Something_that_is_not_a_message_reads_as_none()
    {
        ReplicaMessage.Deserialize("not json"u8).ShouldBeNull();
        ReplicaMessage.Deserialize("{\"k\":\"what\"}"u8).ShouldBeNull();
    }

    [Fact]
    public void A_change_set_that_does_not_follow_is_refused_by_the_store()
    {
        var follower = new AvailabilityStore();
        follower.ReplaceReplicated(5, At, [OperatorBuilder.An(1).Build()], new UpstreamHealth(At, At, 0, null), At);

        Should.Throw<InvalidOperationException>(() => follower.ApplyReplicated(
            new ChangeSet(7, At, [new OperatorChange(1, ChangeKind.Removed, null, ChannelMask.None)]), At));
        follower.Current.Sequence.ShouldBe(5);
    }

    [Fact]
    public void A_jump_in_the_numbering_sends_listeners_that_were_before_it_to_a_snapshot()
    {
        var follower = new AvailabilityStore();
        follower.ReplaceReplicated(5, At, [OperatorBuilder.An(1).Build()], new UpstreamHealth(At, At, 0, null), At);
        follower.ApplyReplicated(new ChangeSet(6, At, [new OperatorChange(2, ChangeKind.Added, OperatorBuilder.An(2).Build(), ChannelMask.Chat)]), At);
        follower.ChangesSince(5)!.Count.ShouldBe(1);

        follower.ReplaceReplicated(9, At.AddSeconds(1), [OperatorBuilder.An(1).WithChat(available: false).Build()], new UpstreamHealth(At, At, 0, null), At);

        follower.ChangesSince(5).ShouldBeNull();
        follower.ChangesSince(6).ShouldBeNull();
        follower.ChangesSince(8)!.Single().Sequence.ShouldBe(9);
        follower.Current.Operators.Select(op => op.Id).ShouldBe([1]);
    }

    [Fact]
    public void Behind_shows_stale_until_a_snapshot_comes()
    {
        var follower = new AvailabilityStore();
        var health = new UpstreamHealth(At, At, 0, null);
        follower.ReplaceReplicated(5, At, [OperatorBuilder.An(1).Build()], health, At);

        follower.MarkBehind(LiveReplication.BehindMessage);

        follower.Health.IsStale(At, TimeSpan.FromSeconds(3)).ShouldBeTrue();
        follower.Health.LastError.ShouldBe(LiveReplication.BehindMessage);
        follower.ReplaceReplicated(8, At, [OperatorBuilder.An(1).Build()], health, At);
        follower.Health.IsStale(At, TimeSpan.FromSeconds(3)).ShouldBeFalse();
    }

    [Fact]
    public void A_follower_hands_operators_published_alone_to_the_polling_instance()
    {
        var follower = new AvailabilityStore();
        follower.ReplaceReplicated(5, At, [OperatorBuilder.An(1).Build()], new UpstreamHealth(At, At, 0, null), At);
        var forwarder = new Forwarder { Polling = false };
        follower.ForwardOperatorWrites(forwarder);

        follower.PublishVerified(OperatorBuilder.An(1).WithChat(available: false), At.AddSeconds(1)).ShouldBeNull();

        follower.Current.Sequence.ShouldBe(5);
        follower.Current.Find(1)!.Chat.Status.ShouldBe(ChannelStatus.Available);
        forwarder.Forwarded.ShouldHaveSingleItem().Verified.ShouldBeTrue();

        forwarder.Polling = true;
        follower.PublishOperator(OperatorBuilder.An(1).WithChat(available: false), At.AddSeconds(2))!.Sequence.ShouldBe(6);
        follower.Current.Find(1)!.Chat.Status.ShouldBe(ChannelStatus.Unavailable);
    }

    [Fact]
    public void An_operator_message_round_trips()
    {
        var read = ReplicaMessage.Deserialize(ReplicaMessage.ForOperator(Sender, OperatorBuilder.An(4).WithCall(), At, verified: true).Serialize())!;

        read.Kind.ShouldBe(ReplicaKind.Operator);
        read.Verified.ShouldBeTrue();
        read.At.ShouldBe(At);
        read.ToOperators().ShouldHaveSingleItem().ShouldBe(OperatorBuilder.An(4).WithCall().Build());
    }

    private sealed class Forwarder : IOperatorWriteForwarder
    {
        public bool Polling { get; set; }

        public List<(OperatorState State, bool Verified)> Forwarded { get; } = [];

        public bool TryForward(OperatorState state, DateTimeOffset at, bool verified)
        {
            if (Polling)
            {
                return false;
            }

            Forwarded.Add((state, verified));
            return true;
        }
    }

    private static AvailabilityStore Leader(out Snapshot first)
    {
        var leader = new AvailabilityStore();
        leader.PublishSnapshot([OperatorBuilder.An(1).WithChat(slots: 1), OperatorBuilder.An(2)], At);
        first = leader.Current;
        return leader;
    }
}
