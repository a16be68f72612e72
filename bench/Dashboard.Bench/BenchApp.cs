using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Dashboard.Bench;

/// <summary>
/// The dashboard as a process of its own, as an operator runs it, so that what the benchmarks measure (managed heap, CPU)
/// is the app's alone and not the bench's. Development environment: an unpublished build serves its static files (the
/// Blazor script) only there; logs at Warning so that the bench's console stays readable.
/// </summary>
internal sealed partial class BenchApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _database;

    private BenchApp(Process process, Uri baseAddress, string database)
    {
        _process = process;
        _database = database;
        BaseAddress = baseAddress;
        // Drain both pipes, or a chatty app blocks on a full one; the last error line says why a start failed.
        process.ErrorDataReceived += (_, line) => LastError = line.Data ?? LastError;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    private string? LastError { get; set; }

    /// <summary>Starts the built app with the given settings (environment variables) and waits until it answers /health/ready.</summary>
    public static async Task<BenchApp> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        // The app's own build output (built with the bench, in the same configuration), with its appsettings.json.
        var configuration = typeof(BenchApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var app = Path.Combine(PerformanceDoc.RepositoryRoot(), "src", "Dashboard", "bin", configuration, "net10.0", "Dashboard.dll");
        var database = Path.Combine(Path.GetTempPath(), $"bench-app-{Guid.NewGuid():N}.db");
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Dashboard"] = $"Data Source={database}",
            ["TimeInState__File"] = Path.Combine(Path.GetTempPath(), $"bench-time-in-state-{Guid.NewGuid():N}.json"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var start = new ProcessStartInfo("dotnet", [app, "--urls", baseAddress.ToString()])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        foreach (var (key, value) in environment.Concat(settings))
        {
            start.Environment[key] = value;
        }

        var started = new BenchApp(Process.Start(start)!, baseAddress, database);
        using var http = new HttpClient { BaseAddress = baseAddress };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var answer = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return started;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (started._process.HasExited || deadline.Elapsed > timeout)
            {
                await started.DisposeAsync();
                throw new TimeoutException($"The app did not get ready within {timeout.TotalSeconds:0} s: {started.LastError}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// The app's managed heap after a full, blocking GC, in bytes: what <c>dotnet-gcdump</c> (on PATH or in
    /// ~/.dotnet/tools) reports as the total size of the objects alive.
    /// </summary>
    public async Task<long> LiveHeapAsync()
    {
        var report = await RunToolAsync("dotnet-gcdump", "report", "-p", ProcessId.ToString(CultureInfo.InvariantCulture));
        if (Environment.GetEnvironmentVariable("DASHBOARD_BENCH_GCDUMP_DIR") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            await File.WriteAllTextAsync(Path.Combine(keep, $"heap-{DateTime.UtcNow:HHmmss}-{ProcessId}.txt"), report);
        }

        // A whole heap dump as well, for dotnet-dump analyze (gcroot, dumpheap): what holds what the report counts.
        if (Environment.GetEnvironmentVariable("DASHBOARD_BENCH_DUMP_DIR") is { Length: > 0 } dumps)
        {
            Directory.CreateDirectory(dumps);
            await RunToolAsync("dotnet-dump", "collect", "-p", ProcessId.ToString(CultureInfo.InvariantCulture), "--type", "Heap", "-o", Path.Combine(dumps, $"dump-{DateTime.UtcNow:HHmmss}-{ProcessId}.dmp"));
        }

        var total = TotalLine().Match(report);
        return total.Success
            ? long.Parse(total.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No total in dotnet-gcdump's report:\n{report}");
    }

    /// <summary>CPU time the app has used so far (user and system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static Task<string> RunToolAsync(string tool, params string[] arguments)
    {
        var onPath = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
        var path = onPath ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", tool);
        return Command.RunAsync(path, arguments, TimeSpan.FromMinutes(10));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\s*([\d,]+)\s+(?:GC Heap bytes|Total Size)", RegexOptions.Multiline)]
    private static partial Regex TotalLine();
}
