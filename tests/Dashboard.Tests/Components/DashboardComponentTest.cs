using Bunit;
using Dashboard.Auth;
using Dashboard.Commands;
using Dashboard.Live;
using Dashboard.Polling;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace Dashboard.Tests.Components;

/// <summary>The one shared bUnit setup: MudBlazor services, loose JS interop, a real store, a fake clock and a recording command service.</summary>
public abstract class DashboardComponentTest : BunitContext
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    protected DashboardComponentTest()
        : this(null)
    {
    }

    /// <summary>With more services, added before anything is resolved (bUnit refuses registrations after that).</summary>
    protected DashboardComponentTest(Action<IServiceCollection>? configure)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton(Store);
        Services.AddSingleton(Demand);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(Options.Create(new PollingOptions()));
        Services.AddSingleton(new ThresholdOptions().ToSet());
        Services.AddSingleton<IAvailabilityCommands>(Commands);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        // The app's request budget, as the app registers it: the poller and the bulk changes plan with it.
        Services.AddSingleton(new Iadvize.Client.RequestBudget(new PollingOptions().MaxRequestsPerMinute, Clock));
        Services.AddSingleton<PollCycle>();
        Services.AddSingleton<Dashboard.Components.Widgets.RowMarkup>();
        Services.AddSingleton<Dashboard.Components.Widgets.BreakdownRows>();
        Services.AddScoped<Dashboard.Components.Widgets.RowActions>();
        Services.AddSingleton<Dashboard.Operators.IOperatorLookup>(Lookup);
        // Only pages that show the audit resolve it, so only their tests create the database file.
        Services.AddSingleton(_ => Audit.Log);
        // The filter bar's saved views read the database only once their menu opens: so only those tests create it.
        Services.AddSingleton(_ => new Dashboard.Preferences.SavedViews(new DeferredDatabase(() => Audit), Clock, Dashboard.Tests.Localization.TestTexts.Localizer));
        // The app's own policies, evaluated for real (bUnit's placeholder would refuse to answer).
        Services.AddAuthorizationBuilder().AddDashboardPolicies();
        Services.AddSingleton(TestAccounts.Policies);
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(Authorization);
        configure?.Invoke(Services);
        SetRendererInfo(new RendererInfo("Server", true));
    }

    private Dashboard.Tests.Audit.AuditDatabase? _audit;

    /// <summary>A migrated SQLite audit trail, created on first use.</summary>
    private protected Dashboard.Tests.Audit.AuditDatabase Audit => _audit ??= new();

    /// <summary>The audit database, made on the first context asked for.</summary>
    private sealed class DeferredDatabase(Func<Dashboard.Tests.Audit.AuditDatabase> database)
        : Microsoft.EntityFrameworkCore.IDbContextFactory<Dashboard.Storage.DashboardDbContext>
    {
        public Dashboard.Storage.DashboardDbContext CreateDbContext() => database().CreateDbContext();
    }

    /// <summary>Answers operator details as told, and records who was asked for.</summary>
    protected FakeOperatorLookup Lookup { get; } = new();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_audit is not null)
        {
            await _audit.DisposeAsync();
        }
    }

    protected sealed class FakeOperatorLookup : Dashboard.Operators.IOperatorLookup
    {
        public List<int> Calls { get; } = [];

        public Dashboard.Operators.OperatorLookupResult Answer { get; set; } =
            new(new Dashboard.Operators.UpstreamOperatorDetails(["operator", "expert"], ["fr", "en"]), null);

        public Task<Dashboard.Operators.OperatorLookupResult> ReadAsync(int operatorId, CancellationToken cancellationToken)
        {
            Calls.Add(operatorId);
            return Task.FromResult(Answer);
        }
    }

    /// <summary>
    /// Clicks a control of a row as the browser would: assets/grid-actions.js reads these attributes of the control, and
    /// the event bubbles to the grid's one handler. A disabled control sends nothing, as in the browser.
    /// </summary>
    protected static Task ClickControlAsync(AngleSharp.Dom.IElement control)
    {
        control.HasAttribute("disabled").ShouldBeFalse("a disabled control cannot be clicked");
        return control.TriggerEventAsync("ongridaction", new Dashboard.Components.Widgets.GridActionEventArgs
        {
            Action = control.GetAttribute("data-testid") ?? "",
            OperatorId = int.Parse(control.GetAttribute("data-operator-id") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            Channel = control.GetAttribute("data-channel") ?? "",
            Checked = control.GetAttribute("aria-checked") == "true",
        });
    }

    /// <summary>Signed in as a Manager unless a test says otherwise (before rendering).</summary>
    protected SignedInUser Authorization { get; } = new();

    protected sealed class SignedInUser : AuthenticationStateProvider
    {
        private System.Security.Claims.ClaimsPrincipal? _user;
        private string _role = nameof(Dashboard.Auth.Role.Manager);

        public void SetRoles(string role) => _role = role;

        /// <summary>Signed in as this very principal (for pages that check the account behind it).</summary>
        public void SetUser(System.Security.Claims.ClaimsPrincipal user) => _user = user;

        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(_user ?? new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new(System.Security.Claims.ClaimTypes.Name, "test"), new(System.Security.Claims.ClaimTypes.Role, _role)], "test"))));
    }

    protected AvailabilityStore Store { get; } = new();

    /// <summary>Today's demand as the pages see it; empty ("not loaded yet") until a test publishes figures.</summary>
    protected Dashboard.Demand.DemandStore Demand { get; } = new();

    protected FakeTimeProvider Clock { get; } = new(Now);

    protected RecordingCommands Commands { get; } = new();

    protected sealed class RecordingCommands : IAvailabilityCommands
    {
        public List<(int OperatorId, ChannelKind Channel, bool Available)> Calls { get; } = [];

        /// <summary>Completes the pending command; until then the toggle shows its pending state.</summary>
        public TaskCompletionSource<CommandResult> Next { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<CommandResult> SetChannelAvailabilityAsync(Dashboard.Audit.CommandActor actor, int operatorId, ChannelKind channel, bool available, CancellationToken cancellationToken)
        {
            Calls.Add((operatorId, channel, available));
            return Next.Task;
        }

        public List<int> Disconnects { get; } = [];

        public Task<CommandResult> DisconnectAsync(Dashboard.Audit.CommandActor actor, int operatorId, CancellationToken cancellationToken)
        {
            Disconnects.Add(operatorId);
            return Next.Task;
        }
    }
}
