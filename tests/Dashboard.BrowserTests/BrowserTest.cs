using Microsoft.Playwright;

namespace Dashboard.BrowserTests;

/// <summary>
/// The base of every browser test class. Each browser context a test opens records a Playwright trace (screenshots and
/// DOM snapshots); when the test fails the trace is kept under the test output folder, in <c>playwright-traces/</c>, and
/// its path is printed with the test's output. Open it with <c>playwright show-trace</c> or https://trace.playwright.dev.
/// </summary>
public abstract class BrowserTest(ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>Where failed tests' traces go: beside the test assembly, whatever the working folder.</summary>
    public static string TraceFolder { get; } = Path.Combine(AppContext.BaseDirectory, "playwright-traces");

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        var failed = TestContext.Current.TestState?.Result is TestResult.Failed;
        var test = TestContext.Current.Test?.TestDisplayName.Split('.').Last() ?? "test";
        var name = $"{GetType().Name}.{string.Concat(test.Split(Path.GetInvalidFileNameChars()))}";
        for (var i = 0; i < _contexts.Count; i++)
        {
            var path = failed ? Path.Combine(TraceFolder, _contexts.Count == 1 ? $"{name}.zip" : $"{name}-{i}.zip") : null;
            await _contexts[i].Tracing.StopAsync(new TracingStopOptions { Path = path });
            await _contexts[i].DisposeAsync();
            if (path is not null)
            {
                var message = $"Playwright trace of the failed test: {path}";
                TestContext.Current.TestOutputHelper?.WriteLine(message);
                await Console.Error.WriteLineAsync(message);
            }
        }
    }

    /// <summary>
    /// A fresh browser context (its own cookies, like another person or another screen), traced; a 1440×900 window
    /// unless <paramref name="options"/> says otherwise.
    /// </summary>
    protected async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.ViewportSize ??= new ViewportSize { Width = 1440, Height = 900 };
        var context = await chromium.Browser.NewContextAsync(options);
        _contexts.Add(context);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = false, Snapshots = true });
        return context;
    }

    /// <summary>A page in a fresh traced context with a window of the given size.</summary>
    protected async Task<IPage> NewPageAsync(int width = 1440, int height = 900) =>
        await (await NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } })).NewPageAsync();
}
