using Dashboard.Live;

namespace Dashboard.Tests.Live;

public sealed class ChannelStateTests
{
    [Theory]
    [InlineData(false, true, true, false, ChannelStatus.Offline)]
    [InlineData(true, false, true, false, ChannelStatus.Disabled)]
    [InlineData(true, true, false, true, ChannelStatus.Busy)]
    [InlineData(true, true, true, false, ChannelStatus.Available)]
    [InlineData(true, true, false, false, ChannelStatus.Unavailable)]
    public void Status_follows_the_contract_definitions(bool connected, bool enabled, bool available, bool busy, ChannelStatus expected)
    {
        ChannelState.From(connected, enabled, available, busy, 1, 2).Status.ShouldBe(expected);
    }

    [Fact]
    public void Kpis_count_operators_connected_and_per_channel_figures()
    {
        OperatorState[] operators =
        [
            OperatorBuilder.An(1).WithChat(slots: 1, max: 3),
            OperatorBuilder.An(2).WithChat(slots: 3, max: 3).WithCall(),
            OperatorBuilder.An(3).WithChat(available: false),
            OperatorBuilder.An(4).Offline(),
        ];

        var kpis = KpiSet.Compute(operators);

        kpis.Operators.ShouldBe(4);
        kpis.Connected.ShouldBe(3);
        kpis.Chat.ShouldBe(new ChannelKpis(Available: 1, Busy: 1, FreeSlots: 2, UsedSlots: 4, Capacity: 9));
        kpis.Call.ShouldBe(new ChannelKpis(Available: 1, Busy: 0, FreeSlots: 1, UsedSlots: 0, Capacity: 1));
        kpis.Video.ShouldBe(new ChannelKpis(0, 0, 0));
    }
}
