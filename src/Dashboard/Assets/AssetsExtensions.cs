using Microsoft.Extensions.FileProviders;

namespace Dashboard.Assets;

public static class AssetsExtensions
{
    /// <summary>Serves the repository's wwwroot-assets/ folder (copied next to the app at build and publish) under /assets.</summary>
    public static WebApplication UseAssets(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");
        if (Directory.Exists(root))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root), RequestPath = "/assets" });
        }

        return app;
    }
}
