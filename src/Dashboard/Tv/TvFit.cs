namespace Dashboard.Tv;

/// <summary>One size of tile, in design units: a 1920 × 1080 screen is 1920 × 1080 units at any resolution.</summary>
/// <param name="Name">The CSS class suffix (<c>tiles-{name}</c>).</param>
/// <param name="Width">Tile width.</param>
/// <param name="NameSize">Font size of the operator's name: at least 28 units, readable at 4 m on a 55-inch 1080p screen.</param>
/// <param name="DetailSize">Font size of a channel's line (state, slots, time in state).</param>
public sealed record TileSize(string Name, int Width, int NameSize, int DetailSize)
{
    public const int Padding = 10;

    /// <summary>Two lines of name (a long name wraps, never cut) and one line per channel.</summary>
    public int HeightFor(int channelLines) =>
        (2 * Padding) + (int)Math.Ceiling((2 * 1.2 * NameSize) + (Math.Clamp(channelLines, 1, 3) * 1.35 * DetailSize));
}

/// <summary>How the tiles sit on the screen: their size, how many per page and how many pages.</summary>
public sealed record TvPlacement(TileSize Tile, int TileHeight, int Columns, int Rows, int Pages, int BandRows)
{
    public int PerPage => Columns * Rows;
}

/// <summary>
/// Fits the tiles to the screen. The page is laid out in design units (CSS <c>--u</c> = 1/1920 of the width, or 1/1080
/// of the height when the screen is wider than 16:9), so the same count of tiles fits at 1920 × 1080 and 3840 × 2160,
/// and the sizes here are the page's sizes. Pure.
/// </summary>
public static class TvFit
{
    public const int ScreenWidth = 1920;
    public const int ScreenHeight = 1080;
    public const int Padding = 16;
    public const int Gap = 12;

    /// <summary>Clock, legend, "updated N s ago" and the page indicator.</summary>
    public const int HeaderHeight = 76;

    /// <summary>One row of the headline band: the numbers (96 units) and their labels.</summary>
    public const int BandRowHeight = 176;

    /// <summary>One figure of the band (its number and label), and the frame of a channel's group.</summary>
    public const int FigureWidth = 230;
    public const int GroupFrame = 48;

    /// <summary>From the largest to the smallest readable size.</summary>
    public static readonly IReadOnlyList<TileSize> Sizes =
    [
        new("xl", 616, 48, 36),
        new("large", 460, 40, 30),
        new("medium", 367, 33, 26),
        new("small", 302, 28, 22),
    ];

    public static TileSize SizeOf(TvDensity density) => density switch
    {
        TvDensity.Large => Sizes[1],
        TvDensity.Medium => Sizes[2],
        TvDensity.Small => Sizes[3],
        _ => Sizes[0],
    };

    /// <summary>Rows the band needs for <paramref name="figures"/> figures in each of <paramref name="channels"/> groups.</summary>
    public static int BandRows(int figures, int channels)
    {
        if (figures == 0 || channels == 0)
        {
            return 0;
        }

        var group = GroupFrame + (figures * FigureWidth);
        var perRow = Math.Max(1, (ScreenWidth - (2 * Padding) + Gap) / (group + Gap));
        return (channels + perRow - 1) / perRow;
    }

    /// <summary>
    /// Where <paramref name="tiles"/> tiles go, each with up to <paramref name="channelLines"/> channel lines.
    /// <see cref="TvDensity.Auto"/> takes the largest size at which all fit on one page, or the smallest with as many
    /// pages as needed; a set density keeps its size and pages if it must.
    /// </summary>
    public static TvPlacement Place(int tiles, int channelLines, TvDensity density, int figures, int channels)
    {
        var bandRows = BandRows(figures, channels);
        var height = ScreenHeight - (2 * Padding) - HeaderHeight - (bandRows * (BandRowHeight + Gap));
        var width = ScreenWidth - (2 * Padding);
        TvPlacement PlacementOf(TileSize size)
        {
            var tileHeight = size.HeightFor(channelLines);
            var columns = Math.Max(1, (width + Gap) / (size.Width + Gap));
            var rows = Math.Max(1, (height + Gap) / (tileHeight + Gap));
            var pages = Math.Max(1, (tiles + (columns * rows) - 1) / (columns * rows));
            return new TvPlacement(size, tileHeight, columns, rows, pages, bandRows);
        }

        if (density != TvDensity.Auto)
        {
            return PlacementOf(SizeOf(density));
        }

        foreach (var size in Sizes)
        {
            var placement = PlacementOf(size);
            if (placement.Pages == 1)
            {
                return placement;
            }
        }

        return PlacementOf(Sizes[^1]);
    }
}
