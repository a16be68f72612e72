using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// The built dashboard started as a process on a free loopback port, in Development (an unpublished build serves its
/// static assets only there), on a database of its own, with a Manager account "bench"; and a headless Chromium.
/// </summary>
internal sealed class BenchApp : IAsyncDisposable
{
    public const string UserName = "bench";
    public const string Password = "bench-password-1";

    private readonly Process _process;
    private readonly string _folder;
    private readonly IPlaywright _playwright;

    private BenchApp(Process process, string folder, Uri address, IPlaywright playwright, IBrowser browser)
    {
        _process = process;
        _folder = folder;
        _playwright = playwright;
        Address = address;
        Browser = browser;
    }

    public Uri Address { get; }

    public IBrowser Browser { get; }

    public int ProcessId => _process.Id;

    public static async Task<BenchApp> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var folder = Directory.CreateTempSubdirectory("dashboard-bench-").FullName;
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "Dashboard.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Dashboard"] = $"Data Source={Path.Combine(folder, "dashboard.db")}";
        start.Environment["TimeInState__File"] = Path.Combine(folder, "time-in-state.json");
        start.Environment["Auth__BootstrapAdmin__UserName"] = UserName;
        start.Environment["Auth__BootstrapAdmin__Password"] = Password;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The dashboard did not start.");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var address = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("health/live")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The dashboard did not answer /health/live within 60 s.");
            }

            await Task.Delay(200);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new BenchApp(process, folder, address, playwright, browser);
    }

    /// <summary>A browser context signed in as the bench's Manager.</summary>
    public async Task<IBrowserContext> SignedInAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Address, "login").ToString());
        await page.FillAsync("input[name=username]", UserName);
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await page.CloseAsync();
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
