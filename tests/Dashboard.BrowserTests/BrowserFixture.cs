using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Dashboard.BrowserTests.ChromiumProcess))]
[assembly: AssemblyFixture(typeof(Dashboard.BrowserTests.SharedApp))]

namespace Dashboard.BrowserTests;

/// <summary>
/// The one headless Chromium (Debian's, or <c>CHROMIUM_PATH</c>) of the test run, started before the first test class and
/// closed after the last: each test opens contexts of its own in it (their own cookies and storage), so that a browser
/// process need not start for every class.
/// </summary>
public sealed class ChromiumProcess : IAsyncLifetime
{
    private static ChromiumProcess? _current;
    private IPlaywright? _playwright;

    /// <summary>The run's Chromium; xunit starts it (an assembly fixture) before any class fixture asks for it.</summary>
    public static IBrowser Browser => _current?.Started ?? throw new InvalidOperationException("Chromium is not running: ChromiumProcess is the assembly's fixture.");

    private IBrowser? Started { get; set; }

    public async ValueTask InitializeAsync()
    {
        // Two test classes run at once on a 2-core CI machine, each with its own app: an expectation gets 10 s rather
        // than Playwright's 5 s before it says what it did not see.
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        Started = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        _current = this;
    }

    public async ValueTask DisposeAsync()
    {
        _current = null;
        if (Started is not null)
        {
            await Started.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>What a browser test class needs at least: the run's Chromium (<see cref="ChromiumProcess"/>).</summary>
public class ChromiumFixture : IAsyncLifetime
{
    public IBrowser Browser => ChromiumProcess.Browser;

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// One app for every test class that only looks: nothing they do changes what another class sees (no simulator change, no
/// fault, no account or setting of the app, no sign-out of a sign-in another class may use, no preference of a demo account
/// another class reads). They run at the same time against it, so that the run starts one app for all of them. A class
/// that changes what others would see takes a <see cref="BrowserFixture"/> of its own.
/// </summary>
public sealed class SharedApp : BrowserFixture;

/// <summary>The app on a real loopback port (embedded simulator, activity stopped so that tests decide what changes) and one Chromium.</summary>
public class BrowserFixture : ChromiumFixture
{
    private readonly AppFactory _app;

    public BrowserFixture()
        : this(new Dictionary<string, string>())
    {
    }

    protected BrowserFixture(IReadOnlyDictionary<string, string> settings) => _app = new AppFactory(settings);

    public Uri BaseAddress { get; private set; } = default!;

    public IServiceProvider Services => _app.Services;

    public override async ValueTask InitializeAsync()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _app.DisposeAsync();
    }

    private sealed class AppFactory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // A build (not a publish) serves its static assets only in Development.
            builder.UseEnvironment("Development");
            builder.UseSetting("Simulator:RunActivity", "false");
            builder.UseSetting("Polling:LiveInterval", "00:00:00.500");
            // Every test signs in from 127.0.0.1.
            builder.UseSetting("Security:SignInAttemptsPerMinute", "100000");
            builder.UseSetting("TimeInState:File", Path.Combine(Path.GetTempPath(), $"time-in-state-{Guid.NewGuid():N}.json"));
            builder.UseSetting("ConnectionStrings:Dashboard", $"Data Source={Path.Combine(Path.GetTempPath(), $"dashboard-{Guid.NewGuid():N}.db")}");
            // Identity's hasher at a test's work factor: the demo accounts are made, and signed in to, in every test class.
            builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
