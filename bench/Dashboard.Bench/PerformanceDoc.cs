using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Dashboard.Bench;

/// <summary>
/// docs/performance.md: each benchmark owns one section between markers and rewrites it with its newest table and the
/// machine it ran on, leaving the rest of the file (the before tables, the notes) as it is.
/// </summary>
internal static class PerformanceDoc
{
    /// <summary>Prints <paramref name="table"/> and writes it, with the machine's description, into the benchmark's section.</summary>
    public static void Publish(string benchmark, string table)
    {
        Console.WriteLine(table);
        var path = Path.Combine(RepositoryRoot(), "docs", "performance.md");
        var start = $"<!-- bench:{benchmark} -->";
        var end = $"<!-- /bench:{benchmark} -->";
        var section = $"{start}\n{table.TrimEnd()}\n\nMachine: {Machine()}; run {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.\n{end}";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Performance\n";
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? string.Concat(text.AsSpan(0, from), section, text.AsSpan(to + end.Length))
            : $"{text.TrimEnd()}\n\n## {benchmark}\n\n{section}\n";
        File.WriteAllText(path, text);
        Console.WriteLine($"Written to {path}");
    }

    /// <summary>CPU model, cores, memory, OS and runtime: what a reader needs to compare a figure with their own machine.</summary>
    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var builder = new StringBuilder();
        builder.Append(cpu ?? RuntimeInformation.ProcessArchitecture.ToString());
        builder.Append(CultureInfo.InvariantCulture, $", {Environment.ProcessorCount} cores, {memory:0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        return builder.ToString();
    }

    /// <summary>The folder holding Dashboard.sln, found upwards from the bench's build output.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the bench from inside the repository: Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
