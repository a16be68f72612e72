using Dashboard.Live;
using Dashboard.Tv;

namespace Dashboard.Tests.Tv;

public sealed class TvBoardTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_operator_is_in_the_best_state_of_its_shown_channels()
    {
        var busyChatAvailableCall = OperatorBuilder.An(1).WithChat(slots: 3, max: 3).WithCall().Build();

        Sorting.StatusOf(busyChatAvailableCall, ChannelKinds.All).ShouldBe(ChannelStatus.Available);
        Sorting.StatusOf(busyChatAvailableCall, [ChannelKind.Chat]).ShouldBe(ChannelStatus.Busy);
        Sorting.StatusOf(OperatorBuilder.An(2).WithChat(available: false).Build(), ChannelKinds.All).ShouldBe(ChannelStatus.Unavailable);
        Sorting.StatusOf(OperatorBuilder.An(3).Offline().WithChat().Build(), ChannelKinds.All).ShouldBe(ChannelStatus.Offline);
    }

    [Fact]
    public void By_state_available_come_first_then_busy_unavailable_and_offline_each_by_name()
    {
        OperatorState[] operators =
        [
            OperatorBuilder.An(1).Named("Zoé").Offline().WithChat().Build(),
            OperatorBuilder.An(2).Named("Yann").WithChat(available: false).Build(),
            OperatorBuilder.An(3).Named("Xavier").WithChat(slots: 3, max: 3).Build(),
            OperatorBuilder.An(4).Named("Bea").WithChat().Build(),
            OperatorBuilder.An(5).Named("Al").WithChat().Build(),
        ];

        TvBoard.Arrange(operators, TvSettings.Default).Select(o => o.Name).ShouldBe(["Al", "Bea", "Xavier", "Yann", "Zoé"]);
        TvBoard.Arrange(operators, TvSettings.Parse("?state=available")).Select(o => o.Name).ShouldBe(["Al", "Bea"]);
        TvBoard.Legend(operators, ChannelKinds.All).Select(e => e.Count).ShouldBe([2, 1, 1, 1]);
    }

    [Fact]
    public void By_time_the_longest_in_state_comes_first_and_an_unseen_start_is_the_longest()
    {
        OperatorState Since(int id, string name, DateTimeOffset? since)
        {
            var op = OperatorBuilder.An(id).Named(name).WithChat().Build();
            return op with { Chat = op.Chat with { Since = since } };
        }

        OperatorState[] operators = [Since(1, "Recent", Now.AddMinutes(-2)), Since(2, "Unseen", null), Since(3, "Long", Now.AddHours(-1))];

        TvBoard.Arrange(operators, TvSettings.Parse("?sort=time")).Select(o => o.Name).ShouldBe(["Unseen", "Long", "Recent"]);
    }

    [Fact]
    public void Tiles_need_as_many_lines_as_the_most_channels_a_connected_operator_shows()
    {
        OperatorState[] chatOnly = [OperatorBuilder.An(1).WithChat().Build(), OperatorBuilder.An(2).Offline().WithChat().WithCall().WithVideo().Build()];
        OperatorState[] mixed = [.. chatOnly, OperatorBuilder.An(3).WithChat().WithCall().Build()];

        TvBoard.ChannelLines(chatOnly, ChannelKinds.All).ShouldBe(1);
        TvBoard.ChannelLines(mixed, ChannelKinds.All).ShouldBe(2);
        TvBoard.ChannelLines(mixed, [ChannelKind.Chat]).ShouldBe(1);
        TvBoard.ChannelLines([], ChannelKinds.All).ShouldBe(1);
    }
}
