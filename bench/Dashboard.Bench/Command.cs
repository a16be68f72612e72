using System.Diagnostics;
using System.Text;

namespace Dashboard.Bench;

/// <summary>Runs a command to its end for the benchmarks: its output (standard output and error, as they came) or an error.</summary>
internal static class Command
{
    /// <summary>
    /// Runs <paramref name="file"/> in <paramref name="folder"/> (the current one when null), stopping it and its children
    /// after <paramref name="limit"/>. With <paramref name="echo"/>, each line is also printed as it comes. A non-zero exit
    /// throws with the output, unless <paramref name="mayFail"/>.
    /// </summary>
    public static async Task<string> RunAsync(
        string file,
        IReadOnlyList<string> arguments,
        TimeSpan limit,
        string? folder = null,
        IReadOnlyDictionary<string, string>? environment = null,
        bool echo = false,
        bool mayFail = false)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = new StringBuilder();
        void Take(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (echo)
            {
                Console.WriteLine(line);
            }
        }

        process.OutputDataReceived += (_, e) => Take(e.Data);
        process.ErrorDataReceived += (_, e) => Take(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} ran over {limit.TotalMinutes:0} minutes and was stopped.");
        }

        if (process.ExitCode != 0 && !mayFail)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output}");
        }

        return output.ToString();
    }
}
