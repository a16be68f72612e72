using System.Collections.Immutable;
using Dashboard.DayCurve;
using Dashboard.Demand;
using Dashboard.Live;
using Dashboard.Polling;
using Dashboard.ScaleOut;
using Dashboard.Tests.Demand;
using Iadvize.Client;

namespace Dashboard.Tests.ScaleOut;

/// <summary>What followers get besides the picture: today's demand and the roster, as they travel through Redis.</summary>
public sealed class ReplicaFiguresTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Sender = Guid.NewGuid();
    private static readonly Guid Term = Guid.NewGuid();

    [Fact]
    public void Demand_round_trips_with_its_problem_and_the_missed_opportunities_per_hour()
    {
        var figures = DemandBuilder.Today(Midnight).With(ChannelKind.Chat, DemandIndicator.MissedBusy, 7).With(ChannelKind.Video, DemandIndicator.WaitingTime, 42.5).Build();
        var demand = new DemandState(figures, At.ToOffset(TimeSpan.FromHours(1)), At.AddMinutes(2), "The iAdvize API asked us to slow down; trying again later.");
        var hourly = new HourlyMissed(Midnight, ImmutableDictionary<DateTimeOffset, HourMissed>.Empty.Add(At.AddHours(-1), new HourMissed(3, null)), At, At.AddMinutes(2));

        var read = ReplicaMessage.Deserialize(ReplicaMessage.ForDemand(Sender, Term, demand, hourly, "Reading the missed opportunities per hour failed: timeout").Serialize())!;

        read.Kind.ShouldBe(ReplicaKind.Demand);
        read.Term.ShouldBe(Term);
        var state = read.Demand.ShouldNotBeNull();
        (state.UpdatedAt, state.UpdatedAt!.Value.Offset, state.StaleAfter, state.Problem).ShouldBe((demand.UpdatedAt, TimeSpan.FromHours(1), demand.StaleAfter, demand.Problem));
        state.Figures!.Since.ShouldBe(figures.Since);
        foreach (var channel in ChannelKinds.All)
        {
            state.Figures[channel].Channel.ShouldBe(channel);
            state.Figures[channel].Values.ToArray().ShouldBe(figures[channel].Values.ToArray());
        }

        state.Figures[ChannelKind.Video][DemandIndicator.WaitingTime].ShouldBe(42.5);
        state.Figures[ChannelKind.Call][DemandIndicator.MissedBusy].ShouldBeNull();
        var hours = read.Hourly.ShouldNotBeNull();
        (hours.Since, hours.ReadAt, hours.StaleAfter).ShouldBe((hourly.Since, hourly.ReadAt, hourly.StaleAfter));
        hours.Hours.ShouldHaveSingleItem().ShouldBe(new KeyValuePair<DateTimeOffset, HourMissed>(At.AddHours(-1), new HourMissed(3, null)));
        read.HourlyProblem.ShouldBe("Reading the missed opportunities per hour failed: timeout");
    }

    [Fact]
    public void Demand_not_loaded_yet_round_trips_as_not_loaded()
    {
        var read = ReplicaMessage.Deserialize(ReplicaMessage.ForDemand(Sender, Term, DemandState.NotLoaded, null, null).Serialize())!;

        read.Demand.ShouldBe(DemandState.NotLoaded);
        read.Hourly.ShouldBeNull();
        read.Demand!.IsStale(At).ShouldBeTrue();
    }

    [Fact]
    public void A_roster_round_trips_with_its_names_and_each_operators_details()
    {
        var version = Guid.NewGuid();
        var roster = new Roster(
            [new OperatorDetails(7, "Martin", "Julie", "julie", "julie@example.com", "ext-7", 10, [20, 21], [30], true, false, true) { Roles = ["operator", "expert"], Languages = ["fr", "en"] },
             new OperatorDetails(8, null, null, null, null, null, null, [], [], false, false, false)],
            [new NamedNode(10, "Sales", null)],
            [new NamedNode(20, "Billing", 5), new NamedNode(21, "French", null)],
            [new Website(30, "shop.example.com", "https://shop.example.com", "Europe/Paris", "EUR")]);

        var read = WireRoster.Deserialize(WireRoster.From(version, roster).Serialize()).ShouldNotBeNull();
        var back = read.ToRoster();

        read.Version.ShouldBe(version);
        back.GroupNames.ShouldBe(roster.GroupNames, ignoreOrder: true);
        back.SkillNames.ShouldBe(roster.SkillNames, ignoreOrder: true);
        back.WebsiteNames.ShouldBe(roster.WebsiteNames, ignoreOrder: true);
        var julie = back.Operators[7];
        julie.ShouldBe(roster.Operators[7] with { SkillIds = julie.SkillIds, WebsiteIds = julie.WebsiteIds, Roles = julie.Roles, Languages = julie.Languages });
        julie.SkillIds.ShouldBe([20, 21]);
        julie.WebsiteIds.ShouldBe([30]);
        julie.Roles.ShouldBe(["operator", "expert"]);
        julie.Languages.ShouldBe(["fr", "en"]);
        back.Operators[8].DisplayName.ShouldBe("Operator 8");
    }

    [Fact]
    public void Nothing_stored_or_something_else_reads_as_no_roster()
    {
        WireRoster.Deserialize([]).ShouldBeNull();
        WireRoster.Deserialize("[1, 2]"u8).ShouldBeNull();
    }

    [Fact]
    public void Health_and_snapshots_name_the_roster_version_and_snapshots_carry_the_demand()
    {
        var store = new AvailabilityStore();
        store.PublishSnapshot([OperatorBuilder.An(1)], At);
        var version = Guid.NewGuid();
        var demand = new DemandState(DemandBuilder.Today(Midnight).Build(), At, At.AddMinutes(2), null);

        var health = ReplicaMessage.Deserialize((ReplicaMessage.ForHealth(Sender, Term, store.Health, store.Current) with { RosterVersion = version }).Serialize())!;
        var snapshot = ReplicaMessage.Deserialize((ReplicaMessage.ForSnapshot(Sender, Term, store.Current, store.Health, store.WatchingSince) with { RosterVersion = version, Demand = demand }).Serialize())!;

        health.RosterVersion.ShouldBe(version);
        snapshot.RosterVersion.ShouldBe(version);
        snapshot.Demand!.UpdatedAt.ShouldBe(At);
        snapshot.ToOperators().ShouldHaveSingleItem().Id.ShouldBe(1);
    }
}
