using Dashboard;
using Dashboard.Assets;
using Dashboard.Commands;
using Dashboard.Components;
using Dashboard.Live;
using Dashboard.Polling;
using Dashboard.Realtime;
using Dashboard.Upstream;
using MudBlazor.Services;

try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.AddUpstream();
    builder.AddLive();
    builder.AddPolling();
    builder.AddRealtime();
    builder.AddCommands();

    builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    builder.Services.AddMudServices();

    var app = builder.Build();

    if (!app.Environment.IsDevelopment())
    {
        app.UseExceptionHandler("/error", createScopeForErrors: true);
    }

    app.UseAssets();
    app.UseAntiforgery();
    app.MapStaticAssets();
    app.MapUpstream();
    app.MapRealtime();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

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
