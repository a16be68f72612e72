using Dashboard.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Tests;

/// <summary>
/// An empty database of its own for one test or app instance, with EF Core's migrations applied: a SQLite file in the
/// temp folder, or a database on the PostgreSQL server named by <see cref="PostgresVariable"/> (test.sh starts one and
/// runs the tests marked <c>[Trait("Database", "Postgres")]</c> a second time with it). Deleted, or dropped, at dispose.
/// </summary>
/// <remarks>
/// <para>
/// The trait is for tests whose subject reads or writes the database (accounts, sign-ins and sessions, the audit,
/// preferences and saved views, TV links, the day's samples, and what drives them end to end). A test of something
/// that keeps nothing there (webhooks, today's demand, /metrics, the hub's catch-up protocol, forwarded headers) runs
/// on SQLite only, though its app signs people in: that is tested on both by the tests of sign-in.
/// </para>
/// <para>
/// The migrations run once per test process, into a template (<see cref="Template"/>); each database is a copy of it
/// (a file copy, or PostgreSQL's <c>CREATE DATABASE ... TEMPLATE</c>). Migrating every test's database took most of a
/// database test's time. The app still runs its migrations at start, and finds nothing left to apply.
/// </para>
/// </remarks>
public sealed class TestDatabase : IDbContextFactory<DashboardDbContext>, IAsyncDisposable
{
    /// <summary>A PostgreSQL connection string without a database, e.g. <c>Host=127.0.0.1;Port=55432;Username=postgres</c>.</summary>
    public const string PostgresVariable = "DASHBOARD_TEST_POSTGRES";

    private static readonly string? PostgresServer = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server : null;

    private readonly string? _file;
    private readonly string? _name;
    private readonly DbContextOptions<SqliteDashboardDbContext>? _sqlite;
    private readonly DbContextOptions<PostgresDashboardDbContext>? _postgres;

    public TestDatabase()
    {
        if (PostgresServer is { } server)
        {
            _name = $"dashboard_test_{Guid.NewGuid():N}";
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;
            _postgres = new DbContextOptionsBuilder<PostgresDashboardDbContext>().UseNpgsql(ConnectionString).Options;
            using var connection = OpenServer();
            Execute(connection, $"CREATE DATABASE \"{_name}\" TEMPLATE \"{Template.Value}\"");
        }
        else
        {
            _file = Path.Combine(Path.GetTempPath(), $"dashboard-{Guid.NewGuid():N}.db");
            ConnectionString = $"Data Source={_file}";
            _sqlite = new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite(ConnectionString).Options;
            File.Copy(Template.Value, _file);
        }
    }

    /// <summary>
    /// The migrated database every test database copies, made on first use: a SQLite file's path, or a PostgreSQL
    /// database's name. Removed when the test process exits.
    /// </summary>
    private static Lazy<string> Template { get; } = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool IsPostgres => PostgresServer is not null;

    /// <summary>The value for <c>Database:Provider</c>.</summary>
    public string Provider => IsPostgres ? DatabaseOptions.Postgres : DatabaseOptions.Sqlite;

    /// <summary>The value for <c>ConnectionStrings:Dashboard</c>.</summary>
    public string ConnectionString { get; }

    public DashboardDbContext CreateDbContext() =>
        _postgres is not null ? new PostgresDashboardDbContext(_postgres) : new SqliteDashboardDbContext(_sqlite!);

    public async ValueTask DisposeAsync()
    {
        if (_name is not null)
        {
            // Closes the app's idle connections first, so that the drop has none to force.
            await using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            await using var server = await OpenServerAsync(CancellationToken.None);
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", CancellationToken.None);
        }
        else
        {
            await using (var pooled = new SqliteConnection(ConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            foreach (var file in new[] { _file!, _file + "-wal", _file + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static string CreateTemplate()
    {
        var id = Guid.NewGuid().ToString("N");
        if (PostgresServer is { } server)
        {
            var name = $"dashboard_template_{id}";
            using (var connection = OpenServer())
            {
                Execute(connection, $"CREATE DATABASE \"{name}\"");
            }

            // No pooled connection may stay open on a template: PostgreSQL copies only a database nobody is connected to.
            var template = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
            using (var db = new PostgresDashboardDbContext(new DbContextOptionsBuilder<PostgresDashboardDbContext>().UseNpgsql(template).Options))
            {
                db.Database.Migrate();
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                using var connection = OpenServer();
                Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            };
            return name;
        }

        var file = Path.Combine(Path.GetTempPath(), $"dashboard-template-{id}.db");
        var options = new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
        using (var db = new SqliteDashboardDbContext(options))
        {
            db.Database.Migrate();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);
        return file;
    }

    /// <summary>The server's own <c>postgres</c> database, unpooled: creating and dropping databases is done from there.</summary>
    private static string ServerDatabase => new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString;

    private static NpgsqlConnection OpenServer()
    {
        var connection = new NpgsqlConnection(ServerDatabase);
        connection.Open();
        return connection;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static async Task<NpgsqlConnection> OpenServerAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(ServerDatabase);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
