using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Dashboard.Tests.Integration;

/// <summary>The built app started as a real process, as `dotnet run` would, on a free loopback port.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;

    private AppProcess(Process process, Uri baseAddress, TestDatabase database, bool ownsDatabase)
    {
        _process = process;
        _database = database;
        _ownsDatabase = ownsDatabase;
        BaseAddress = baseAddress;
        StandardError = process.StandardError.ReadToEndAsync();
        // Read stdout too, or a chatty app blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
    }

    public Uri BaseAddress { get; }

    public Task<string> StandardError { get; }

    public Process Process => _process;

    /// <summary>The app on a fresh database of its own, deleted when the app is disposed.</summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> environment) => Start(environment, new TestDatabase(), ownsDatabase: true);

    /// <summary>The app on a database the test owns, for instance to start a second app on what the first one left.</summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> environment, TestDatabase database) => Start(environment, database, ownsDatabase: false);

    /// <summary>The app on a database and an address the test owns: a restart, as a deploy or a crash would leave it.</summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> environment, TestDatabase database, Uri baseAddress) =>
        Start(environment, database, ownsDatabase: false, baseAddress);

    /// <summary>A loopback address with a port free now.</summary>
    public static Uri FreeAddress() => new($"http://127.0.0.1:{FreePort()}");

    private static AppProcess Start(IReadOnlyDictionary<string, string> environment, TestDatabase database, bool ownsDatabase, Uri? baseAddress = null)
    {
        var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var app = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Dashboard", "bin", configuration, "net10.0", "Dashboard.dll"));
        baseAddress ??= FreeAddress();
        var start = new ProcessStartInfo("dotnet", [app, "--urls", baseAddress.ToString()])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        // A build (not a publish) serves its static assets only in Development.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["TimeInState__File"] = Path.Combine(Path.GetTempPath(), $"time-in-state-{Guid.NewGuid():N}.json");
        start.Environment["Database__Provider"] = database.Provider;
        start.Environment["ConnectionStrings__Dashboard"] = database.ConnectionString;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new AppProcess(Process.Start(start)!, baseAddress, database, ownsDatabase);
    }

    /// <summary>
    /// Waits until the app answers <c>/health/live</c> (it listens, its start-up work done), failing at once with what it
    /// printed if it stops instead.
    /// </summary>
    public async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.TrueAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The app stopped while starting: {await StandardError}");
                }

                try
                {
                    using var answer = await http.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);
                    return answer.IsSuccessStatusCode;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            $"the app answering /health/live on {BaseAddress}",
            timeout,
            TimeSpan.FromMilliseconds(100));
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary>Stops the app as a power cut or <c>kill -9</c> would: no shutdown code of its own runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
