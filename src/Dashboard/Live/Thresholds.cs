using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dashboard.Live;

/// <summary>A headline figure per channel: the <c>{figure}-{channel}</c> part of CONTRACT.md's <c>data-kpi</c> names.</summary>
public enum Figure
{
    Available,
    Busy,
    FreeSlots,
    Occupancy,
}

/// <summary>How a headline figure stands against its thresholds (CONTRACT.md's <c>data-level</c>).</summary>
public enum Level
{
    Ok,
    Warn,
    Alert,
}

public static class Figures
{
    public static readonly IReadOnlyList<Figure> All = [Figure.Available, Figure.Busy, Figure.FreeSlots, Figure.Occupancy];

    public static string ToWire(this Figure figure) => figure switch
    {
        Figure.Available => "available",
        Figure.Busy => "busy",
        Figure.FreeSlots => "free-slots",
        Figure.Occupancy => "occupancy",
        _ => throw new ArgumentOutOfRangeException(nameof(figure)),
    };

    public static string ToWire(this Level level) => level switch
    {
        Level.Ok => "ok",
        Level.Warn => "warn",
        _ => "alert",
    };

    public static Figure? Parse(string? wire) =>
        All.Cast<Figure?>().FirstOrDefault(f => string.Equals(f!.Value.ToWire(), wire?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The <c>data-kpi</c> name, e.g. <c>free-slots-chat</c>.</summary>
    public static string KpiName(this Figure figure, ChannelKind channel) => $"{figure.ToWire()}-{channel.ToWire()}";

    /// <summary>The figure's value; null for an occupancy with no slot open.</summary>
    public static int? ValueOf(this ChannelKpis kpis, Figure figure) => figure switch
    {
        Figure.Available => kpis.Available,
        Figure.Busy => kpis.Busy,
        Figure.FreeSlots => kpis.FreeSlots,
        Figure.Occupancy => kpis.Occupancy,
        _ => throw new ArgumentOutOfRangeException(nameof(figure)),
    };

    /// <summary>Fewer available operators or free slots is worse; more busy operators or a higher occupancy is worse.</summary>
    public static bool LowerIsWorse(this Figure figure) => figure is Figure.Available or Figure.FreeSlots;

    /// <summary>The figure under its number ("free slots"); occupancy carries its unit, the number stays bare.</summary>
    public static string Label(this Figure figure) => figure switch
    {
        Figure.Available => "available",
        Figure.Busy => "busy",
        Figure.FreeSlots => "free slots",
        _ => "% occupancy",
    };

    /// <summary>A level is never told by colour alone: each has its icon (✓, ⚠, ✖).</summary>
    public static string Icon(this Level level) => level switch
    {
        Level.Ok => "✓",
        Level.Warn => "⚠",
        _ => "✖",
    };

    /// <summary>The level in words, for screen readers and titles.</summary>
    public static string Describe(this Level level) => level switch
    {
        Level.Ok => "fine",
        Level.Warn => "warning",
        _ => "alert",
    };

    /// <summary>
    /// What a figure's thresholds are, and where it stands ("Chat free slots: amber at 5, red at 2; now warning"), in the
    /// language of <paramref name="texts"/>.
    /// </summary>
    public static string Explain(this ThresholdSet thresholds, Figure figure, ChannelKind channel, Level level, IStringLocalizer texts) =>
        thresholds.For(figure, channel) is { } threshold
            ? texts["{0} {1}: amber at {2}, red at {3}; now {4}", texts[channel.ToLabel()], texts[Localization.TextKeys.Of(figure)], threshold.Warn, threshold.Alert, texts[level.Describe()]]
            : texts["{0} {1}: no threshold", texts[channel.ToLabel()], texts[Localization.TextKeys.Of(figure)]];
}

/// <summary>
/// When a figure turns amber and red. For figures where lower is worse (available, free slots), the level is reached at
/// or below the value; for the others (busy, occupancy), at or above it. Written <c>warn,alert</c>, e.g. <c>5,2</c>.
/// </summary>
public sealed record Threshold(int Warn, int Alert)
{
    public Level LevelOf(Figure figure, int? value)
    {
        if (value is not { } v)
        {
            return Level.Ok;
        }

        return figure.LowerIsWorse()
            ? v <= Alert ? Level.Alert : v <= Warn ? Level.Warn : Level.Ok
            : v >= Alert ? Level.Alert : v >= Warn ? Level.Warn : Level.Ok;
    }

    public string ToWire() => string.Create(CultureInfo.InvariantCulture, $"{Warn},{Alert}");

    /// <summary>Reads <c>warn,alert</c>; answers null and says why when it cannot be a threshold for <paramref name="figure"/>.</summary>
    public static Threshold? Parse(Figure figure, string? text, out string? problem)
    {
        problem = null;
        var parts = text?.Split(',', StringSplitOptions.TrimEntries);
        if (parts is not { Length: 2 }
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var warn)
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var alert)
            || warn < 0 || alert < 0)
        {
            problem = $"\"{text}\" is not two whole numbers \"amber,red\" (for example \"5,2\")";
            return null;
        }

        if (figure.LowerIsWorse() ? alert > warn : alert < warn)
        {
            problem = figure.LowerIsWorse()
                ? $"red ({alert}) must be at or below amber ({warn}): fewer {figure.ToWire()} is worse"
                : $"red ({alert}) must be at or above amber ({warn}): more {figure.ToWire()} is worse";
            return null;
        }

        return new Threshold(warn, alert);
    }
}

/// <summary>
/// Thresholds by <c>data-kpi</c> name: a figure for every channel (<c>free-slots</c>) or for one (<c>free-slots-chat</c>),
/// which wins. From configuration (section <c>Thresholds</c>) and, on <c>/tv</c>, from the URL.
/// </summary>
public sealed class ThresholdSet
{
    public const string SectionName = "Thresholds";

    /// <summary>Used when configuration says nothing: amber and red before a channel runs out, and past 80 % / 95 % busy.</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        ["available"] = "2,0",
        ["free-slots"] = "5,2",
        ["occupancy"] = "80,95",
    };

    private readonly Dictionary<string, Threshold> _byName;

    private ThresholdSet(Dictionary<string, Threshold> byName) => _byName = byName;

    public static ThresholdSet Empty { get; } = new([]);

    /// <summary>Every name this set understands: each figure alone and each figure per channel.</summary>
    public static IEnumerable<(string Name, Figure Figure)> Names =>
        Figures.All.SelectMany(f => ChannelKinds.All.Select(c => (f.KpiName(c), f)).Prepend((f.ToWire(), f)));

    /// <summary>Reads <paramref name="values"/> by name; unknown names are skipped, and a bad value is left out and reported.</summary>
    public static ThresholdSet Parse(Func<string, string?> values, ICollection<string> problems)
    {
        var byName = new Dictionary<string, Threshold>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, figure) in Names)
        {
            if (values(name) is not { } text)
            {
                continue;
            }

            if (Threshold.Parse(figure, text, out var problem) is { } threshold)
            {
                byName[name] = threshold;
            }
            else
            {
                problems.Add($"{name}: {problem}");
            }
        }

        return new ThresholdSet(byName);
    }

    /// <summary>This set, with <paramref name="overrides"/> winning where both name a threshold.</summary>
    public ThresholdSet With(ThresholdSet overrides)
    {
        var merged = new Dictionary<string, Threshold>(_byName, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, threshold) in overrides._byName)
        {
            // A figure set for every channel replaces the base's per-channel values of that figure too.
            if (Figures.Parse(name) is { } figure)
            {
                foreach (var channel in ChannelKinds.All)
                {
                    merged.Remove(figure.KpiName(channel));
                }
            }

            merged[name] = threshold;
        }

        return new ThresholdSet(merged);
    }

    /// <summary>The names and values set here, in a stable order, as <c>warn,alert</c>.</summary>
    public IEnumerable<KeyValuePair<string, string>> Entries =>
        Names.Where(n => _byName.ContainsKey(n.Name)).Select(n => KeyValuePair.Create(n.Name, _byName[n.Name].ToWire()));

    public Threshold? For(Figure figure, ChannelKind channel) =>
        _byName.GetValueOrDefault(figure.KpiName(channel)) ?? _byName.GetValueOrDefault(figure.ToWire());

    public Level LevelOf(Figure figure, ChannelKind channel, int? value) => For(figure, channel)?.LevelOf(figure, value) ?? Level.Ok;
}

/// <summary>
/// The configured thresholds (section <c>Thresholds</c>, e.g. <c>Thresholds__free-slots-chat=5,2</c>) over
/// <see cref="ThresholdSet.Defaults"/>; a name or value not understood stops the app at start, naming the setting.
/// </summary>
public sealed class ThresholdOptions
{
    public Dictionary<string, string> Values { get; } = new(ThresholdSet.Defaults, StringComparer.OrdinalIgnoreCase);

    public ThresholdSet ToSet() => ThresholdSet.Parse(name => Values.GetValueOrDefault(name), []);
}

/// <summary>Names each threshold setting that is not understood.</summary>
internal sealed class ThresholdOptionsValidator : IValidateOptions<ThresholdOptions>
{
    public ValidateOptionsResult Validate(string? name, ThresholdOptions options)
    {
        var problems = new List<string>();
        var known = ThresholdSet.Names.Select(n => n.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        problems.AddRange(options.Values.Keys.Where(key => !known.Contains(key))
            .Select(key => $"{key} is not a headline figure (one of {string.Join(", ", Figures.All.Select(f => f.ToWire()))}, alone or followed by -chat, -call or -video)"));
        ThresholdSet.Parse(key => options.Values.GetValueOrDefault(key), problems);
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{ThresholdSet.SectionName}:{p}"));
    }
}
