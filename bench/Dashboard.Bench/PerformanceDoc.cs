using System.Runtime.InteropServices;

namespace Dashboard.Bench;

/// <summary>
/// docs/performance.md: each benchmark owns one section, between <c>&lt;!-- name --&gt;</c> and <c>&lt;!-- /name --&gt;</c>,
/// replaced by its latest run together with the machine it ran on; the rest of the file is left as it is.
/// </summary>
internal static class PerformanceDoc
{
    public static string Machine =>
        $"{Environment.ProcessorCount} cores ({RuntimeInformation.ProcessArchitecture}), {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    public static void Record(string name, string markdown)
    {
        var file = Path.Combine(Docs.Folder, "performance.md");
        var text = File.Exists(file) ? File.ReadAllText(file) : "# Performance\n\nTables written by `bench/Dashboard.Bench`; each section is its latest run.\n";
        var start = $"<!-- {name} -->";
        var end = $"<!-- /{name} -->";
        var section = $"{start}\n{markdown.TrimEnd()}\n\nMachine: {Machine}; run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.\n{end}";
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? text[..from] + section + text[(to + end.Length)..]
            : text.TrimEnd() + "\n\n" + section + "\n";
        File.WriteAllText(file, text);
    }
}
