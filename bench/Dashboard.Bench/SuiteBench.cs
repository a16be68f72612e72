using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Bench;

/// <summary>
/// The whole test suite's wall time as CI pays it: a fresh clone of the committed HEAD (no build output, no test results,
/// no compiler server running) runs <c>./test.sh</c>, which prints how long each of its steps took (<c>Took: step 42 s</c>). The table gives each step
/// and the whole; what is not committed is not measured. Bounded: the run is stopped after 30 minutes.
/// With a commit (<c>suite 4808533</c>), the clone runs only the test classes that commit had and HEAD still has
/// (test.sh's <c>DASHBOARD_TEST_CLASSES</c>), everything else as usual: the time of the tests a target was set for,
/// apart from the tests added since.
/// </summary>
internal static partial class SuiteBench
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    public static async Task RunAsync(string? at)
    {
        var root = PerformanceDoc.RepositoryRoot();
        var clone = Path.Combine(Path.GetTempPath(), $"dashboard-suite-{Guid.NewGuid():N}");
        try
        {
            await Command.RunAsync("git", ["clone", "--quiet", root, clone], TimeSpan.FromMinutes(2), root);
            var commit = (await Command.RunAsync("git", ["rev-parse", "--short", "HEAD"], TimeSpan.FromMinutes(1), clone)).Trim();
            var environment = new Dictionary<string, string>();
            var scope = "every test";
            if (at is not null)
            {
                var then = await TestClassesAsync(clone, at);
                var still = (await TestClassesAsync(clone, "HEAD")).Intersect(then).Order(StringComparer.Ordinal).ToList();
                environment["DASHBOARD_TEST_CLASSES"] = string.Join(' ', still);
                scope = $"only the test classes of `{at}` still in the suite ({still.Count} of its {then.Count}; renamed ones not counted)";
            }

            // A compiler server left from an earlier build would make the build faster than CI's.
            await Command.RunAsync("dotnet", ["build-server", "shutdown"], TimeSpan.FromMinutes(1), clone);
            Console.WriteLine($"Running ./test.sh in a fresh clone of {commit} ({clone}), {scope}...");
            var clock = Stopwatch.StartNew();
            var output = await Command.RunAsync("bash", ["./test.sh"], Limit, clone, environment, echo: true, mayFail: true);
            var wall = clock.Elapsed;

            var lines = output.Split('\n', StringSplitOptions.TrimEntries);
            var steps = lines.Select(line => TookLine().Match(line)).Where(match => match.Success)
                .Select(match => (Step: match.Groups[1].Value, Seconds: int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)))
                .Where(step => step.Step != "all") // test.sh's own total: the whole run below, measured here
                .ToList();
            var result = lines.LastOrDefault(line => line.Length > 0) ?? "(no output)";

            var table = new StringBuilder();
            table.AppendLine(CultureInfo.InvariantCulture, $"`./test.sh` in a fresh clone of `{commit}` (restore and build included), {scope}: {result}.");
            table.AppendLine();
            table.AppendLine("| step | wall |");
            table.AppendLine("| --- | ---: |");
            foreach (var (step, seconds) in steps)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"| {step} | {Duration(seconds)} |");
            }

            table.AppendLine(CultureInfo.InvariantCulture, $"| **whole run** | **{Duration((int)Math.Round(wall.TotalSeconds))}** |");
            PerformanceDoc.Publish(at is null ? "suite" : "suite-at", table.ToString());
        }
        finally
        {
            if (Directory.Exists(clone))
            {
                Directory.Delete(clone, recursive: true);
            }
        }
    }

    // The simple names of the test classes declared under tests/ at a commit.
    private static async Task<HashSet<string>> TestClassesAsync(string clone, string commit)
    {
        var found = await Command.RunAsync("git", ["grep", "-h", "-o", "-E", @"class \w+Tests\b", commit, "--", "tests"], TimeSpan.FromMinutes(1), clone);
        return [.. found.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => line["class ".Length..])];
    }

    private static string Duration(int seconds) => seconds >= 60 ? $"{seconds / 60} min {seconds % 60:00} s" : $"{seconds} s";

    [GeneratedRegex(@"^Took: (.+?) (\d+) s$")]
    private static partial Regex TookLine();
}
