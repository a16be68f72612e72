using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace Dashboard.Storage;

/// <summary>
/// Watches the SQLite file the app opened at start. Deleted, replaced or overwritten while the app runs, the open
/// connections go on writing into a file nobody will read again, or mix its pages with another's: audit entries,
/// accounts and sign-ins would vanish at the next start without a word. Once that is seen, <see cref="Problem"/> says
/// so until a restart, readiness fails, Managers' pages show it, and changes are refused, since they could not be
/// recorded. PostgreSQL has no file.
/// </summary>
/// <remarks>
/// Removal and renaming change the directory, which a watcher sees. A copy onto the file (<c>cp other.db dashboard.db</c>)
/// keeps its name and inode and only changes its bytes, as the app's own writes do; so at start the app writes a number
/// of its own into the file's header (SQLite's <c>user_version</c>, which nothing else here uses) and checks that the
/// header still holds it: SQLite keeps it through every write, another file does not have it. The header is read through
/// a handle opened once and kept: on Linux, closing any handle on the file would drop the locks SQLite holds on it in
/// this process.
/// </remarks>
public sealed class DatabaseFile : IHostedService, IDisposable
{
    /// <summary>What readiness, the pages and a refused change say.</summary>
    public const string ReplacedMessage =
        "The database file was removed or replaced while the dashboard ran: nothing can be recorded any more, so changes are refused. Restore the file, then restart the dashboard.";

    // SQLite's header: the "user version", a big-endian 32-bit integer at this offset.
    private const int MarkerOffset = 60;

    private readonly string? _path;
    private readonly string? _connectionString;
    private readonly ILogger<DatabaseFile> _logger;
    private FileSystemWatcher? _watcher;
    private SafeFileHandle? _header;
    private int _marker;
    private volatile bool _markerWritten;
    private int _lost;

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
                _connectionString = options.Value.ConnectionString;
            }
        }
    }

    /// <summary>Why the database can no longer record anything, in words for a person; null while it can.</summary>
    public string? Problem
    {
        get
        {
            if (_path is null)
            {
                return null;
            }

            if (Volatile.Read(ref _lost) == 0)
            {
                if (!File.Exists(_path))
                {
                    Lost("removed");
                }
                else if (IsOverwritten())
                {
                    Lost("overwritten");
                }
            }

            return Volatile.Read(ref _lost) == 0 ? null : ReplacedMessage;
        }
    }

    // Started after the migrator (registration order), so the file exists.
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_path is null)
        {
            return;
        }

        Watch();
        try
        {
            await WriteMarkerAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            // A read-only file, say: readiness says what is wrong with it; only an overwrite goes unnoticed.
            _logger.LogWarning(exception, "Cannot mark the database file {Path}; a copy over it will not be noticed.", _path);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The app is stopping: whatever locks closing the handle drops, SQLite's connections are going too.
    public void Dispose()
    {
        _watcher?.Dispose();
        _header?.Dispose();
    }

    private void Watch()
    {
        try
        {
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path!))
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Deleted += (_, _) => Lost("removed");
            _watcher.Created += (_, _) => Lost("replaced");
            _watcher.Renamed += (_, _) => Lost("replaced or renamed");
            // Also the app's own writes: the check tells them apart, and says it at once rather than at the next look.
            _watcher.Changed += (_, _) => _ = Problem;
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception exception) when (exception is IOException or PlatformNotSupportedException or ArgumentException)
        {
            // Out of watches, say: a removed or overwritten file is still seen (Problem looks), a renamed one is not.
            _logger.LogWarning(exception, "Cannot watch the database file {Path}; only its removal or an overwrite will be noticed.", _path);
        }
    }

    private async Task WriteMarkerAsync(CancellationToken cancellationToken)
    {
        var marker = RandomNumberGenerator.GetInt32(1, int.MaxValue);
        await using (var connection = new SqliteConnection(_connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // Into the file itself, not only the write-ahead log, so that the file's header can be checked from now on.
            command.CommandText = $"PRAGMA user_version = {marker}; PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        _marker = marker;
        _header = File.OpenHandle(_path!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (ReadMarker() == marker)
        {
            _markerWritten = true;
        }
        else
        {
            // Readers kept the checkpoint from reaching the file: checked once a later one has (see IsOverwritten).
            _logger.LogInformation("The database file {Path} does not hold its mark yet; checked from when it does.", _path);
        }
    }

    private bool IsOverwritten()
    {
        if (_header is null)
        {
            return false;
        }

        var found = ReadMarker();
        if (!_markerWritten)
        {
            if (found == _marker)
            {
                _markerWritten = true;
            }

            return false;
        }

        return found != _marker;
    }

    // Null when the file is shorter than a header (being copied over, say).
    private int? ReadMarker()
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        return RandomAccess.Read(_header!, bytes, MarkerOffset) == bytes.Length ? BinaryPrimitives.ReadInt32BigEndian(bytes) : null;
    }

    private void Lost(string how)
    {
        if (Interlocked.Exchange(ref _lost, 1) == 0)
        {
            _logger.LogCritical("The database file {Path} was {How} while the app ran: changes are refused until a restart.", _path, how);
        }
    }
}
