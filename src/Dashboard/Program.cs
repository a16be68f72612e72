using Dashboard;
using Dashboard.Assets;
using Dashboard.Audit;
using Dashboard.Auth;
using Dashboard.Commands;
using Dashboard.Components;
using Dashboard.DayCurve;
using Dashboard.Demand;
using Dashboard.Health;
using Dashboard.Live;
using Dashboard.Localization;
using Dashboard.Operators;
using Dashboard.Polling;
using Dashboard.Preferences;
using Dashboard.Realtime;
using Dashboard.ScaleOut;
using Dashboard.Security;
using Dashboard.Status;
using Dashboard.Storage;
using Dashboard.Tv;
using Dashboard.Upstream;
using Dashboard.Webhooks;

try
{
    var builder = WebApplication.CreateBuilder(args);

    // The one clock every part reads (tests put a fake one in its place).
    builder.Services.AddSingleton(TimeProvider.System);
    builder.AddSecurity();
    builder.AddStorage();
    builder.AddAudit();
    builder.AddUpstream();
    builder.AddAuth();
    builder.AddLive();
    builder.AddPolling();
    builder.AddDemand();
    builder.AddDayCurve();
    builder.AddRealtime();
    builder.AddScaleOut();
    builder.AddStatus();
    builder.AddCommands();
    builder.AddOperators();
    builder.AddWebhooks();
    builder.AddHealth();
    builder.AddTv();
    builder.AddPreferences();
    builder.AddLanguages();
    builder.AddDashboardUi();

    var app = builder.Build();

    app.UseSecurity();
    app.UseAssets();
    app.UseAuth();
    app.UseLanguages();
    app.MapAuth();
    app.MapLanguages();
    app.MapUpstream();
    app.MapRealtime();
    app.MapWebhooks();
    app.MapAudit();
    app.MapOperators();
    app.MapHealth();
    app.MapDashboardUi();

    app.Run();
    return 0;
}
catch (Exception exception) when (StartupErrors.IsConfiguration(exception))
{
    foreach (var message in StartupErrors.Messages(exception).Distinct())
    {
        Console.Error.WriteLine($"Invalid configuration: {message}");
    }

    return 1;
}

/// <summary>Entry point, public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
