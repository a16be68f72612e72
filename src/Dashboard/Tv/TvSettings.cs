using System.Globalization;
using Dashboard.Live;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Tv;

/// <summary>How big tiles are: <see cref="Auto"/> picks the largest size at which every tile fits on one screen.</summary>
public enum TvDensity
{
    Auto,
    Large,
    Medium,
    Small,
}

public enum TvTheme
{
    Dark,
    Light,
}

/// <summary>
/// Everything a wall TV shows and how, read from its URL (CONTRACT.md's <c>/tv</c>): the filters of <c>/</c> plus
/// <c>sort</c>, <c>density</c>, <c>theme</c>, <c>rotate</c> (seconds per page), <c>figures</c> (which headline figures),
/// thresholds by <c>data-kpi</c> name (<c>free-slots-chat=5,2</c>), <c>reload</c> (a daily reload, <c>HH:mm</c>) and
/// <c>tz</c> (the clock's time zone). A value not understood is left at its default and named in <see cref="Problems"/>,
/// never a reason to show nothing. Pure.
/// </summary>
public sealed record TvSettings
{
    public const int MinRotateSeconds = 5;
    public const int MaxRotateSeconds = 600;
    public const int DefaultRotateSeconds = 20;

    /// <summary>The figures of the band when the URL does not choose: what a supervisor acts on.</summary>
    public static readonly IReadOnlyList<Figure> DefaultFigures = [Figure.Available, Figure.FreeSlots, Figure.Occupancy];

    public static readonly TvSettings Default = new();

    public ViewFilter Filter { get; init; } = ViewFilter.None;

    public OperatorSort Sort { get; init; } = OperatorSort.State;

    public TvDensity Density { get; init; } = TvDensity.Auto;

    public TvTheme Theme { get; init; } = TvTheme.Dark;

    public int RotateSeconds { get; init; } = DefaultRotateSeconds;

    public IReadOnlyList<Figure> Figures { get; init; } = DefaultFigures;

    /// <summary>Thresholds set in the URL; they win over configuration's.</summary>
    public ThresholdSet Thresholds { get; init; } = ThresholdSet.Empty;

    /// <summary>A daily reload at about this time of day (in <see cref="TimeZone"/>), jittered; null: none.</summary>
    public TimeOnly? ReloadAt { get; init; }

    /// <summary>An IANA or Windows zone id for the clock and the "since" of the stale banner; null: the server's zone.</summary>
    public string? TimeZone { get; init; }

    /// <summary>What the URL asked for that could not be understood, in plain words.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The channels the band shows: the one the filter names, else all three.</summary>
    public IReadOnlyList<ChannelKind> Channels => Filter.Channel is { } channel ? [channel] : ChannelKinds.All;

    public static TvSettings Parse(string? queryString) => Parse(QueryHelpers.ParseQuery(queryString));

    public static TvSettings Parse(IReadOnlyDictionary<string, StringValues> query)
    {
        var problems = new List<string>();
        string? Value(string name) => query.TryGetValue(name, out var values) && !StringValues.IsNullOrEmpty(values) ? values[0] : null;

        var filter = ViewFilter.Parse(Value("q"), Value("group"), Value("channel"), Value("state"), Value("skill"), Value("website"));
        if (Value("channel") is { } channelText && filter.Channel is null)
        {
            problems.Add($"channel: \"{channelText}\" is not chat, call or video");
        }

        if (Value("state") is { } stateText && filter.State is null)
        {
            problems.Add($"state: \"{stateText}\" is not available, busy, unavailable, disabled or offline");
        }

        return new TvSettings
        {
            Filter = filter,
            Sort = EnumValue(Value("sort"), "sort", OperatorSort.State, problems),
            Density = EnumValue(Value("density"), "density", TvDensity.Auto, problems),
            Theme = EnumValue(Value("theme"), "theme", TvTheme.Dark, problems),
            RotateSeconds = Rotate(Value("rotate"), problems),
            Figures = FiguresOf(Value("figures"), problems),
            Thresholds = ThresholdSet.Parse(Value, problems),
            ReloadAt = ReloadTime(Value("reload"), problems),
            TimeZone = Zone(Value("tz"), problems),
            Problems = problems,
        };
    }

    /// <summary>
    /// The query string (with its <c>?</c>) that gives these settings back, naming only what differs from the defaults,
    /// in a stable order: what a TV link is bound to and what <c>/tv/setup</c> shows.
    /// </summary>
    public string ToQueryString()
    {
        var pairs = new List<KeyValuePair<string, string?>>(QueryHelpers.ParseQuery(Filter.ToQueryString())
            .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())));
        void Add<T>(string name, T value, T byDefault, Func<T, string> wire)
        {
            if (!EqualityComparer<T>.Default.Equals(value, byDefault))
            {
                pairs.Add(KeyValuePair.Create(name, (string?)wire(value)));
            }
        }

        Add("sort", Sort, OperatorSort.State, Wire);
        Add("density", Density, TvDensity.Auto, Wire);
        Add("theme", Theme, TvTheme.Dark, Wire);
        Add("rotate", RotateSeconds, DefaultRotateSeconds, s => s.ToString(CultureInfo.InvariantCulture));
        if (!Figures.SequenceEqual(DefaultFigures))
        {
            pairs.Add(KeyValuePair.Create("figures", (string?)string.Join(',', Figures.Select(f => f.ToWire()))));
        }

        pairs.AddRange(Thresholds.Entries.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)));
        if (ReloadAt is { } reload)
        {
            pairs.Add(KeyValuePair.Create("reload", (string?)reload.ToString("HH:mm", CultureInfo.InvariantCulture)));
        }

        if (TimeZone is { } zone)
        {
            pairs.Add(KeyValuePair.Create("tz", (string?)zone));
        }

        return QueryString.Create(pairs).ToString();
    }

    /// <summary>The zone the clock shows; the server's when none is set or it is unknown here.</summary>
    public TimeZoneInfo Zone() =>
        TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Local;

    public static string Wire<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static T EnumValue<T>(string? text, string name, T byDefault, List<string> problems)
        where T : struct, Enum
    {
        if (text is null)
        {
            return byDefault;
        }

        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(Wire(value), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        problems.Add($"{name}: \"{text}\" is not one of {string.Join(", ", Enum.GetValues<T>().Select(Wire))}");
        return byDefault;
    }

    private static int Rotate(string? text, List<string> problems)
    {
        if (text is null)
        {
            return DefaultRotateSeconds;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds is >= MinRotateSeconds and <= MaxRotateSeconds)
        {
            return seconds;
        }

        problems.Add($"rotate: \"{text}\" is not a number of seconds from {MinRotateSeconds} to {MaxRotateSeconds}");
        return DefaultRotateSeconds;
    }

    private static IReadOnlyList<Figure> FiguresOf(string? text, List<string> problems)
    {
        if (text is null)
        {
            return DefaultFigures;
        }

        var figures = new List<Figure>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Live.Figures.Parse(part) is { } figure)
            {
                if (!figures.Contains(figure))
                {
                    figures.Add(figure);
                }
            }
            else
            {
                problems.Add($"figures: \"{part}\" is not one of {string.Join(", ", Live.Figures.All.Select(f => f.ToWire()))}");
            }
        }

        // In the band's own order, whatever the URL's: the same figure stands in the same place on every TV.
        return figures.Count == 0 ? DefaultFigures : [.. Live.Figures.All.Where(figures.Contains)];
    }

    private static TimeOnly? ReloadTime(string? text, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        problems.Add($"reload: \"{text}\" is not a time of day such as 04:30");
        return null;
    }

    private static string? Zone(string? text, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(text.Trim(), out _))
        {
            return text.Trim();
        }

        problems.Add($"tz: \"{text}\" is not a time zone known here (for example Europe/Paris)");
        return null;
    }
}
