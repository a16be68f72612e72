using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Storage;

public static class StorageExtensions
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .Configure<IConfiguration, IHostEnvironment>((options, configuration, environment) =>
                options.ConnectionString = Resolve(configuration.GetConnectionString("Dashboard") ?? options.ConnectionString, options, environment))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Both are registered, and built only when asked for: the provider is known once configuration is bound.
        builder.Services.AddPooledDbContextFactory<SqliteDashboardDbContext>((services, options) =>
            options.UseSqlite(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        builder.Services.AddPooledDbContextFactory<PostgresDashboardDbContext>((services, options) =>
            options.UseNpgsql(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        builder.Services.AddSingleton<IDbContextFactory<DashboardDbContext>>(services =>
            services.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgres
                ? new ProviderFactory<PostgresDashboardDbContext>(services.GetRequiredService<IDbContextFactory<PostgresDashboardDbContext>>())
                : new ProviderFactory<SqliteDashboardDbContext>(services.GetRequiredService<IDbContextFactory<SqliteDashboardDbContext>>()));

        // Registered before every service that reads or writes the database, so that it starts (and migrates) first.
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddSingleton<DatabaseFile>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DatabaseFile>());

        // The keys that sign cookies and antiforgery tokens live with the data, not in the process: a restart or a deploy
        // signs nobody out, neither a person nor a wall TV. Data Protection asks for a scoped context.
        builder.Services.AddScoped(services => services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext());
        builder.Services.AddDataProtection()
            .SetApplicationName("Dashboard")
            .PersistKeysToDbContext<DashboardDbContext>();
        return builder;
    }

    private static string Resolve(string connectionString, DatabaseOptions options, IHostEnvironment environment)
    {
        if (options.IsPostgres)
        {
            return connectionString;
        }

        SqliteConnectionStringBuilder sqlite;
        try
        {
            sqlite = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Left as is: validation is not the place to throw, opening the database will say what is wrong.
            return connectionString;
        }

        var file = sqlite.DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || sqlite.Mode == SqliteOpenMode.Memory || Path.IsPathRooted(file)
            || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        // Otherwise the file would follow the working directory, which differs between `dotnet run` and a service.
        sqlite.DataSource = Path.Combine(environment.ContentRootPath, file);
        return sqlite.ToString();
    }

    private sealed class ProviderFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<DashboardDbContext>
        where TContext : DashboardDbContext
    {
        public DashboardDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
