using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>One headless Chromium (Debian's, or <c>CHROMIUM_PATH</c>) for a test class.</summary>
public class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public virtual async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

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
