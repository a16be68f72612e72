using Dashboard.Live;
using Dashboard.Tv;

namespace Dashboard.Tests.Tv;

public sealed class TvSettingsTests
{
    [Fact]
    public void No_query_gives_the_defaults()
    {
        var settings = TvSettings.Parse("");

        settings.Sort.ShouldBe(OperatorSort.State);
        settings.Density.ShouldBe(TvDensity.Auto);
        settings.Theme.ShouldBe(TvTheme.Dark);
        settings.RotateSeconds.ShouldBe(TvSettings.DefaultRotateSeconds);
        settings.Figures.ShouldBe(TvSettings.DefaultFigures);
        settings.Problems.ShouldBeEmpty();
        settings.ToQueryString().ShouldBe("");
    }

    [Fact]
    public void Every_setting_is_read_and_written_back_in_a_stable_order()
    {
        var settings = TvSettings.Parse("?theme=light&sort=time&group=Support&channel=chat&density=small&rotate=30"
            + "&figures=occupancy,busy&free-slots-chat=4,1&reload=04:30&tz=Europe/Paris");

        settings.Problems.ShouldBeEmpty();
        settings.Sort.ShouldBe(OperatorSort.Time);
        settings.Density.ShouldBe(TvDensity.Small);
        settings.Theme.ShouldBe(TvTheme.Light);
        settings.RotateSeconds.ShouldBe(30);
        settings.Figures.ShouldBe([Figure.Busy, Figure.Occupancy]);
        settings.Thresholds.For(Figure.FreeSlots, ChannelKind.Chat).ShouldBe(new Threshold(4, 1));
        settings.ReloadAt.ShouldBe(new TimeOnly(4, 30));
        settings.Channels.ShouldBe([ChannelKind.Chat]);

        var query = settings.ToQueryString();
        TvSettings.Parse(query).ToQueryString().ShouldBe(query);
        query.ShouldBe("?group=Support&channel=chat&sort=time&density=small&theme=light&rotate=30&figures=busy,occupancy&free-slots-chat=4,1&reload=04%3A30&tz=Europe%2FParis");
    }

    [Fact]
    public void Values_not_understood_keep_their_defaults_and_are_named()
    {
        var settings = TvSettings.Parse("?sort=colour&rotate=1&theme=pink&figures=queue&channel=fax&busy=x&reload=25:00&tz=Mars/Olympus");

        settings.Sort.ShouldBe(OperatorSort.State);
        settings.RotateSeconds.ShouldBe(TvSettings.DefaultRotateSeconds);
        settings.Theme.ShouldBe(TvTheme.Dark);
        settings.Figures.ShouldBe(TvSettings.DefaultFigures);
        settings.ReloadAt.ShouldBeNull();
        settings.TimeZone.ShouldBeNull();
        settings.Problems.Count.ShouldBe(8);
        settings.Problems.ShouldContain(p => p.StartsWith("sort: \"colour\"", StringComparison.Ordinal));
        settings.Problems.ShouldContain(p => p.StartsWith("rotate: \"1\"", StringComparison.Ordinal));
        settings.Problems.ShouldContain(p => p.StartsWith("channel: \"fax\"", StringComparison.Ordinal));
    }
}
