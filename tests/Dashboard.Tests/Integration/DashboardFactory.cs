using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Dashboard.Tests.Integration;

/// <summary>
/// The app in memory, on its embedded simulator with the activity model stopped (tests drive the simulator), polling fast.
/// The client's HTTP goes through the in-memory server, so the poller still talks HTTP to the simulator's endpoints.
/// </summary>
public sealed class DashboardFactory : WebApplicationFactory<Program>
{
    public const string AdminUserName = "admin";

    public const string AdminPassword = "admin-test-password";

    private readonly bool _ownsDatabase;

    /// <summary>An app on a fresh database of its own, deleted when the app is disposed.</summary>
    public DashboardFactory()
        : this(new TestDatabase(), ownsDatabase: true)
    {
    }

    /// <summary>An app on a database the test owns, for instance to hand it to a second app.</summary>
    public DashboardFactory(TestDatabase database)
        : this(database, ownsDatabase: false)
    {
    }

    private DashboardFactory(TestDatabase database, bool ownsDatabase)
    {
        _ownsDatabase = ownsDatabase;
        Database = database;
        Settings["Database:Provider"] = database.Provider;
        Settings["ConnectionStrings:Dashboard"] = database.ConnectionString;
    }

    /// <summary>The app's database: SQLite, or PostgreSQL when test.sh names a server (see <see cref="TestDatabase"/>).</summary>
    public TestDatabase Database { get; }

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Polling:LiveInterval"] = "00:00:00.200",
        ["Simulator:RunActivity"] = "false",
        // Each app instance keeps its time-in-state file out of the source tree.
        ["TimeInState:File"] = Path.Combine(Path.GetTempPath(), $"time-in-state-{Guid.NewGuid():N}.json"),
        ["Auth:BootstrapAdmin:UserName"] = AdminUserName,
        ["Auth:BootstrapAdmin:Password"] = AdminPassword,
        // Tests sign in many times a minute from one address; SignInThrottleTests sets its own limit.
        ["Security:SignInAttemptsPerMinute"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>The hosting environment: Development unless a test needs what Production does (its log levels, say).</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Extra service replacements for one test (applied after the app's own registrations).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.ConfigureAll<HttpClientFactoryOptions>(options =>
                // The host's own in-memory server, taken from its container so that it is this host's and no other's.
                options.HttpMessageHandlerBuilderActions.Add(handler =>
                    handler.PrimaryHandler = ((TestServer)handler.Services.GetRequiredService<IServer>()).CreateHandler()));
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = TestAccounts.TestHashIterations);
        });
        if (TestServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }

    /// <summary>Starts the app and waits for the poller's first complete picture.</summary>
    public async Task<Dashboard.Live.Snapshot> StartAndWaitForFirstSnapshotAsync()
    {
        var store = Services.GetRequiredService<Dashboard.Live.AvailabilityStore>();
        await Eventually.TrueAsync(() => store.Current.TakenAt is not null, "the poller's first complete snapshot");
        return store.Current;
    }

    /// <summary>
    /// The principal a sign-in of this account carries (the bootstrap Manager unless told otherwise), for calling the
    /// services a page's handler calls; checked by the account service like a real sign-in.
    /// </summary>
    public async Task<System.Security.Claims.ClaimsPrincipal> SignedInPrincipalAsync(string userName = AdminUserName, string password = AdminPassword)
    {
        var check = await Services.GetRequiredService<Dashboard.Auth.SignIns>().CheckAsync(userName, password, CancellationToken.None);
        return Dashboard.Auth.AuthExtensions.ToPrincipal(check.Account ?? throw new InvalidOperationException(check.Error));
    }

    /// <summary>A client signed in through the real <c>/login</c> form (the bootstrap Manager unless told otherwise).</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string userName = AdminUserName, string password = AdminPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var answer = await PostLoginAsync(client, userName, password);
        if (answer.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)answer.StatusCode}");
        }

        return client;
    }

    /// <summary>Fills and posts the <c>/login</c> form like a browser: the hidden fields (antiforgery, form name) included.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string query = "")
    {
        var form = await client.GetStringAsync(new Uri("/login" + query, UriKind.Relative));
        var fields = FormPost.HiddenFields(form);
        fields["username"] = userName;
        fields["password"] = password;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri("/login" + query, UriKind.Relative), content);
    }

    /// <summary>
    /// A hub connection carrying a signed-in user's cookie (the bootstrap Manager unless told otherwise); long polling
    /// (every poll is a request, checked like any other) unless <paramref name="webSockets"/>, one request kept open as a
    /// browser does; <paramref name="origin"/> is the Origin header a browser page would send.
    /// </summary>
    public HubConnection CreateHubConnection(string userName = AdminUserName, string password = AdminPassword, bool webSockets = false, string? origin = null) =>
        CreateHubConnectionWith(SignInCookie(userName, password), webSockets, origin);

    /// <summary>A hub connection carrying <paramref name="cookie"/> (see <see cref="SignInCookie"/>), as <see cref="CreateHubConnection"/>.</summary>
    public HubConnection CreateHubConnectionWith(string cookie, bool webSockets = false, string? origin = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "hubs/availability"), options =>
            {
                options.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                options.Headers["Cookie"] = cookie;
                if (origin is not null)
                {
                    options.Headers["Origin"] = origin;
                }

                options.Transports = webSockets
                    ? Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets
                    : Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = Server.CreateWebSocketClient();
                    client.ConfigureRequest = request =>
                    {
                        request.Headers.Cookie = cookie;
                        if (origin is not null)
                        {
                            request.Headers.Origin = origin;
                        }
                    };
                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .Build();

    /// <summary>A sign-in cookie (<c>dashboard.auth=...</c>) from the real <c>/login</c> form, to send by hand.</summary>
    public string SignInCookie(string userName = AdminUserName, string password = AdminPassword)
    {
        // Synchronous because the hub builder is: the app is in memory, so this costs one round trip through the test server.
        using var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = client.GetAsync(new Uri("/login", UriKind.Relative)).GetAwaiter().GetResult();
        var antiforgeryCookies = page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]).ToList() : [];
        var html = page.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        var fields = FormPost.HiddenFields(html);
        fields["username"] = userName;
        fields["password"] = password;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", string.Join("; ", antiforgeryCookies));
        using var answer = client.SendAsync(request).GetAwaiter().GetResult();
        var auth = answer.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal)) : null;
        return auth ?? throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)answer.StatusCode}");
    }
}
