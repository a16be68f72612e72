using MudBlazor.Services;

namespace Dashboard.Components;

public static class ComponentsExtensions
{
    /// <summary>Blazor Server with MudBlazor: the pages people look at.</summary>
    public static IHostApplicationBuilder AddDashboardUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        // One per app: the rows it holds are shared by every circuit.
        builder.Services.AddSingleton<Widgets.RowMarkup>();
        // One per circuit: the controls waiting for their command are this person's.
        builder.Services.AddScoped<Widgets.RowActions>();
        return builder;
    }

    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
