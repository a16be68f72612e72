using Dashboard.Live;

namespace Dashboard.Tests.Live;

public sealed class ThresholdTests
{
    [Theory]
    [InlineData(6, Level.Ok)]
    [InlineData(5, Level.Warn)]
    [InlineData(3, Level.Warn)]
    [InlineData(2, Level.Alert)]
    [InlineData(0, Level.Alert)]
    public void Fewer_free_slots_is_worse(int free, Level expected) =>
        new Threshold(5, 2).LevelOf(Figure.FreeSlots, free).ShouldBe(expected);

    [Theory]
    [InlineData(79, Level.Ok)]
    [InlineData(80, Level.Warn)]
    [InlineData(95, Level.Alert)]
    public void A_higher_occupancy_is_worse(int occupancy, Level expected) =>
        new Threshold(80, 95).LevelOf(Figure.Occupancy, occupancy).ShouldBe(expected);

    [Fact]
    public void An_occupancy_with_no_slot_open_is_not_an_alert() =>
        new Threshold(80, 95).LevelOf(Figure.Occupancy, null).ShouldBe(Level.Ok);

    [Theory]
    [InlineData("free-slots", "2,5", "red (5) must be at or below amber (2)")]
    [InlineData("occupancy", "95,80", "red (80) must be at or above amber (95)")]
    [InlineData("busy", "three,4", "is not two whole numbers")]
    [InlineData("busy", "-1,4", "is not two whole numbers")]
    public void A_threshold_that_cannot_work_is_refused_with_its_reason(string figure, string text, string reason)
    {
        Threshold.Parse(Figures.Parse(figure)!.Value, text, out var problem).ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public void A_channel_threshold_wins_over_the_figure_for_every_channel()
    {
        var set = ThresholdSet.Parse(name => name switch { "free-slots" => "5,2", "free-slots-chat" => "3,1", _ => null }, []);

        set.For(Figure.FreeSlots, ChannelKind.Chat).ShouldBe(new Threshold(3, 1));
        set.For(Figure.FreeSlots, ChannelKind.Call).ShouldBe(new Threshold(5, 2));
        set.For(Figure.Busy, ChannelKind.Call).ShouldBeNull();
        set.LevelOf(Figure.Busy, ChannelKind.Call, 99).ShouldBe(Level.Ok);
    }

    [Fact]
    public void Overrides_for_every_channel_replace_the_base_per_channel_values()
    {
        var configured = ThresholdSet.Parse(name => name == "free-slots-chat" ? "3,1" : null, []);
        var fromUrl = ThresholdSet.Parse(name => name == "free-slots" ? "9,4" : null, []);

        configured.With(fromUrl).For(Figure.FreeSlots, ChannelKind.Chat).ShouldBe(new Threshold(9, 4));
    }

    [Fact]
    public void Bad_values_are_reported_by_name_and_left_out()
    {
        var problems = new List<string>();

        var set = ThresholdSet.Parse(name => name == "occupancy-video" ? "50" : null, problems);

        set.Entries.ShouldBeEmpty();
        problems.ShouldHaveSingleItem().ShouldStartWith("occupancy-video: ");
    }

    [Fact]
    public void Configuration_names_an_unknown_figure_and_a_bad_value()
    {
        var options = new ThresholdOptions();
        options.Values["free-seats"] = "1,0";
        options.Values["busy-chat"] = "5";

        var result = new ThresholdOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldContain(f => f.StartsWith("Thresholds:free-seats is not a headline figure", StringComparison.Ordinal));
        result.Failures.ShouldContain(f => f.StartsWith("Thresholds:busy-chat: ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_valid() =>
        new ThresholdOptionsValidator().Validate(null, new ThresholdOptions()).Succeeded.ShouldBeTrue();

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(1, 3, 33)]
    [InlineData(2, 3, 67)]
    [InlineData(4, 4, 100)]
    public void Occupancy_is_slots_used_over_slots_open_in_whole_percent(int used, int capacity, int? expected) =>
        new ChannelKpis(0, 0, 0, used, capacity).Occupancy.ShouldBe(expected);

    [Fact]
    public void Figures_read_their_value_and_name_their_hook()
    {
        var kpis = new ChannelKpis(Available: 4, Busy: 2, FreeSlots: 7, UsedSlots: 3, Capacity: 4);

        kpis.ValueOf(Figure.Available).ShouldBe(4);
        kpis.ValueOf(Figure.Busy).ShouldBe(2);
        kpis.ValueOf(Figure.FreeSlots).ShouldBe(7);
        kpis.ValueOf(Figure.Occupancy).ShouldBe(75);
        Figure.FreeSlots.KpiName(ChannelKind.Video).ShouldBe("free-slots-video");
    }
}
