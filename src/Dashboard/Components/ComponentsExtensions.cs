using MudBlazor.Services;

namespace Dashboard.Components;

public static class ComponentsExtensions
{
    /// <summary>Blazor Server with MudBlazor: the pages people look at.</summary>
    public static IHostApplicationBuilder AddDashboardUi(this IHostApplicationBuilder builder)
    {
        // A browser that falls behind (a busy TV, a slow link) makes its circuit keep every render it has not acknowledged,
        // up to 10 by default, each a pooled buffer of up to a few hundred KB. Two are enough to keep a page moving; beyond,
        // the server waits and the next render carries all that changed in between.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents(options => options.MaxBufferedUnacknowledgedRenderBatches = 2);
        builder.Services.AddMudServices();
        // One per app: the rows it holds are shared by every circuit.
        builder.Services.AddSingleton<Widgets.RowMarkup>();
        // One per app: the breakdown covers every operator, so its rows are the same for every circuit.
        builder.Services.AddSingleton<Widgets.BreakdownRows>();
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
