using Dashboard.Live;

namespace Dashboard.Tests.Live;

public sealed class SnapshotKpisTests
{
    [Fact]
    public void A_snapshots_headline_figures_are_those_of_all_its_operators_counted_once_for_every_reader()
    {
        var snapshot = Snapshots.Of(OperatorBuilder.An(1).WithChat(slots: 1, max: 2), OperatorBuilder.An(2).WithChat(slots: 3, max: 3).WithCall(), OperatorBuilder.An(3));

        var kpis = snapshot.Kpis;

        kpis.ShouldBe(KpiSet.Compute(snapshot.Operators));
        kpis.Chat.Busy.ShouldBe(1);
        snapshot.Kpis.ShouldBeSameAs(kpis, "every page that shows every operator reads the same figures");
    }
}
