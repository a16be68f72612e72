using System.Net;
using System.Text.Json;
using TimerChannels = System.Threading.Channels;
using Iadvize.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Simulator;

/// <summary>A minimal host serving the simulator over in-memory HTTP, activity off, on a fake clock.</summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    public const string ApiKey = "test-key";
    public const string Prefix = "/simulator/api/2";

    private readonly WebApplication _app;
    private readonly ObservedTimeProvider _timers;

    private SimulatorHost(WebApplication app, ObservedTimeProvider timers)
    {
        _app = app;
        _timers = timers;
        Time = timers.Fake;
        Platform = app.Services.GetRequiredService<SimulatedPlatform>();
        Client = CreateClient(ApiKey);
    }

    public static DateTimeOffset Start { get; } = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; }

    public SimulatedPlatform Platform { get; }

    /// <summary>Sends the right key in the X-API-Key header.</summary>
    public HttpClient Client { get; }

    public static async Task<SimulatorHost> StartAsync(
        Action<SimulatorOptions>? configure = null, Action<WebApplicationBuilder>? build = null, DateTimeOffset? start = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var time = new ObservedTimeProvider(new FakeTimeProvider(start ?? Start));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddIadvizeSimulator(o =>
        {
            o.RunActivity = false;
            o.ApiKey = ApiKey;
            configure?.Invoke(o);
        });
        build?.Invoke(builder);

        var app = builder.Build();
        app.MapIadvizeSimulator();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new SimulatorHost(app, time);
    }

    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = _app.GetTestClient();
        client.BaseAddress = new Uri(client.BaseAddress!, Prefix + "/");
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }

        return client;
    }

    /// <summary>A client at the root of the host, for the simulator's controls outside the API prefix.</summary>
    public HttpClient CreateRootClient() => _app.GetTestClient();

    public void Step(int times)
    {
        for (var i = 0; i < times; i++)
        {
            Platform.Step();
        }
    }

    /// <summary>The delay of the next timer the server starts (a fault's latency or hang), once it has started it.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(10));
        return await _timers.NextTimerAsync(patience.Token);
    }

    public async Task<ApiResponse> GetAsync(string url) =>
        await ApiResponse.ReadAsync(await Client.GetAsync(url, TestContext.Current.CancellationToken));

    public async Task<ApiResponse> PutFormAsync(int operatorId, string body, string contentType = "application/x-www-form-urlencoded")
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        var response = await Client.PutAsync($"operator/{operatorId}/live", content, TestContext.Current.CancellationToken);
        return await ApiResponse.ReadAsync(response);
    }

    /// <summary>Every operator with every field, read over HTTP page by page.</summary>
    public async Task<IReadOnlyList<JsonElement>> GetRosterAsync()
    {
        var operators = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var response = await GetAsync($"operator?full=1&limit=100&page={page}");
            operators.AddRange(response.Data.EnumerateArray());
            if (page >= response.Pagination.GetProperty("pages").GetInt32())
            {
                return operators;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(TestContext.Current.CancellationToken);
        await _app.DisposeAsync();
    }
}

/// <summary>A fake clock that also tells when a timer is started, so a test advances it only once the server waits on it.</summary>
internal sealed class ObservedTimeProvider(FakeTimeProvider fake) : TimeProvider
{
    private readonly TimerChannels.Channel<TimeSpan> _started = TimerChannels.Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = fake;

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        _started.Writer.TryWrite(dueTime);
        return timer;
    }

    public ValueTask<TimeSpan> NextTimerAsync(CancellationToken cancellationToken) => _started.Reader.ReadAsync(cancellationToken);
}

internal sealed record ApiResponse(HttpStatusCode StatusCode, JsonElement Body)
{
    public string Status => Body.GetProperty("meta").GetProperty("status").GetString()!;

    public string? Message => Body.GetProperty("meta").TryGetProperty("message", out var message) ? message.GetString() : null;

    public JsonElement Data => Body.GetProperty("data");

    public JsonElement Pagination => Body.GetProperty("pagination");

    public IReadOnlyList<int> Ids => [.. Data.EnumerateArray().Select(item => item.GetProperty("id").GetInt32())];

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            using var document = JsonDocument.Parse(text);
            return new ApiResponse(response.StatusCode, document.RootElement.Clone());
        }
    }

    public void ShouldFail(HttpStatusCode statusCode, string? message = null)
    {
        StatusCode.ShouldBe(statusCode);
        Status.ShouldBe("fail");
        if (message is null)
        {
            Message.ShouldNotBeNullOrWhiteSpace();
        }
        else
        {
            Message.ShouldBe(message);
        }

        Body.TryGetProperty("data", out _).ShouldBeFalse();
    }
}

internal static class JsonElementExtensions
{
    public static IReadOnlyList<string> PropertyNames(this JsonElement element) =>
        [.. element.EnumerateObject().Select(p => p.Name)];

    public static IReadOnlyList<int> IntList(this JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetInt32())];
}
