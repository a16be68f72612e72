using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Dashboard.Storage;

/// <summary>
/// Watches the SQLite file the app opened at start. Deleted or replaced while the app runs, the open connections go on
/// writing into the old file, which nobody will ever read again: audit entries, accounts and sign-ins would vanish at the
/// next start without a word. Once that is seen, <see cref="Problem"/> says so until a restart, readiness fails, Managers'
/// pages show it, and availability changes are refused, since they could not be recorded. PostgreSQL has no file.
/// </summary>
public sealed class DatabaseFile : IHostedService, IDisposable
{
    /// <summary>What readiness, the pages and a refused change say.</summary>
    public const string ReplacedMessage =
        "The database file was removed or replaced while the dashboard ran: nothing can be recorded any more, so changes are refused. Restore the file, then restart the dashboard.";

    private readonly string? _path;
    private readonly ILogger<DatabaseFile> _logger;
    private FileSystemWatcher? _watcher;
    private volatile bool _replaced;

    public DatabaseFile(IOptions<DatabaseOptions> options, ILogger<DatabaseFile> logger)
    {
        _logger = logger;
        if (!options.Value.IsPostgres)
        {
            var sqlite = new SqliteConnectionStringBuilder(options.Value.ConnectionString);
            if (sqlite.Mode != SqliteOpenMode.Memory && sqlite.DataSource is { Length: > 0 } file && file != ":memory:"
                && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            {
                _path = Path.GetFullPath(file);
            }
        }
    }

    /// <summary>Why the database can no longer record anything, in words for a person; null while it can.</summary>
    public string? Problem => _path is not null && (_replaced || !File.Exists(_path)) ? ReplacedMessage : null;

    // Started after the migrator (registration order), so the file exists.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_path is null)
        {
            return Task.CompletedTask;
        }

        try
        {
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.FileName,
            };
            _watcher.Deleted += (_, _) => Lost("removed");
            _watcher.Created += (_, _) => Lost("replaced");
            _watcher.Renamed += (_, _) => Lost("replaced or renamed");
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception exception) when (exception is IOException or PlatformNotSupportedException or ArgumentException)
        {
            // Out of watches, say: a removed file is still seen (Problem checks that it exists), a replaced one is not.
            _logger.LogWarning(exception, "Cannot watch the database file {Path}; only its removal will be noticed.", _path);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _watcher?.Dispose();

    private void Lost(string how)
    {
        _replaced = true;
        _logger.LogCritical("The database file {Path} was {How} while the app ran: changes are refused until a restart.", _path, how);
    }
}
