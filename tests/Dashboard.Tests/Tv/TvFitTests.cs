using Dashboard.Tv;

namespace Dashboard.Tests.Tv;

public sealed class TvFitTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    public void Up_to_a_screenful_everything_fits_on_one_page(int operators) =>
        TvFit.Place(operators, channelLines: 1, TvDensity.Auto, figures: 3, channels: 1).Pages.ShouldBe(1);

    [Fact]
    public void Few_operators_get_the_largest_tiles_and_more_get_smaller_ones()
    {
        var few = TvFit.Place(10, 1, TvDensity.Auto, 3, 1);
        var many = TvFit.Place(40, 1, TvDensity.Auto, 3, 1);

        few.Tile.ShouldBe(TvFit.Sizes[0]);
        many.Tile.NameSize.ShouldBeLessThan(few.Tile.NameSize);
    }

    [Fact]
    public void Past_the_smallest_readable_size_the_tiles_split_into_pages()
    {
        var placement = TvFit.Place(300, 3, TvDensity.Auto, 3, 3);

        placement.Tile.ShouldBe(TvFit.Sizes[^1]);
        placement.Pages.ShouldBeGreaterThan(1);
        (placement.PerPage * placement.Pages).ShouldBeGreaterThanOrEqualTo(300);
        (placement.PerPage * (placement.Pages - 1)).ShouldBeLessThan(300);
    }

    [Fact]
    public void No_size_goes_below_a_name_readable_across_the_room() =>
        TvFit.Sizes.ShouldAllBe(s => s.NameSize >= 28);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_page_of_tiles_never_runs_past_the_screen(int channelLines)
    {
        foreach (var density in Enum.GetValues<TvDensity>())
        {
            var p = TvFit.Place(1000, channelLines, density, figures: 4, channels: 3);

            var width = (p.Columns * p.Tile.Width) + ((p.Columns - 1) * TvFit.Gap) + (2 * TvFit.Padding);
            var height = (2 * TvFit.Padding) + TvFit.HeaderHeight + (p.BandRows * (TvFit.BandRowHeight + TvFit.Gap))
                + (p.Rows * p.TileHeight) + ((p.Rows - 1) * TvFit.Gap);
            width.ShouldBeLessThanOrEqualTo(TvFit.ScreenWidth);
            height.ShouldBeLessThanOrEqualTo(TvFit.ScreenHeight);
        }
    }

    [Fact]
    public void The_band_holds_three_channels_of_three_figures_on_one_row_and_wraps_past_that()
    {
        TvFit.BandRows(figures: 4, channels: 3).ShouldBe(2);
        TvFit.BandRows(figures: 3, channels: 3).ShouldBe(1);
        TvFit.BandRows(figures: 0, channels: 3).ShouldBe(0);
    }
}
