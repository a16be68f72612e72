using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Dashboard.Live;

/// <summary>
/// The time in state as a small JSON file: for each operator and channel whose start is known, the status and since.
/// Read once at start; written whole, through a temporary file moved into place, so a crash mid-write leaves the
/// previous file rather than half of one.
/// </summary>
public sealed partial class TimeInStateFile
{
    private const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private readonly ILogger<TimeInStateFile> _logger;

    public TimeInStateFile(IOptions<TimeInStateOptions> options, IHostEnvironment environment, ILogger<TimeInStateFile> logger)
        : this(Path.GetFullPath(options.Value.File, environment.ContentRootPath), logger)
    {
    }

    public TimeInStateFile(string path, ILogger<TimeInStateFile> logger)
    {
        FilePath = path;
        _logger = logger;
    }

    /// <summary>The file's full path.</summary>
    public string FilePath { get; }

    /// <summary>The persisted starts; none when the file is missing or unreadable, which only means "start unknown".</summary>
    public IReadOnlyList<PersistedStart> Read()
    {
        try
        {
            using var stream = File.OpenRead(FilePath);
            var content = JsonSerializer.Deserialize<Content>(stream, Json);
            if (content is not { Version: CurrentVersion, Starts: { } starts })
            {
                LogUnreadable(FilePath, $"unknown version {content?.Version}");
                return [];
            }

            LogRead(starts.Count, FilePath);
            return starts;
        }
        catch (FileNotFoundException)
        {
            LogMissing(FilePath);
        }
        catch (DirectoryNotFoundException)
        {
            LogMissing(FilePath);
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            LogUnreadable(FilePath, exception.Message);
        }

        return [];
    }

    /// <summary>Writes the known starts of <paramref name="snapshot"/>, replacing the file at once.</summary>
    public async Task WriteAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        var starts = new List<PersistedStart>();
        foreach (var op in snapshot.Operators)
        {
            foreach (var channel in ChannelKinds.All)
            {
                if (op[channel] is { Since: { } since } state)
                {
                    starts.Add(new PersistedStart(op.Id, channel, state.Status, since));
                }
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temporary = FilePath + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, new Content(CurrentVersion, starts), Json, cancellationToken);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }

    private sealed record Content(int Version, List<PersistedStart>? Starts);

    [LoggerMessage(LogLevel.Information, "Time in state: {Count} known starts read from {Path}.")]
    private partial void LogRead(int count, string path);

    [LoggerMessage(LogLevel.Information, "Time in state: no file at {Path} yet; every start is unknown until a change is seen.")]
    private partial void LogMissing(string path);

    [LoggerMessage(LogLevel.Warning, "Time in state: {Path} cannot be read ({Reason}); every start is unknown until a change is seen.")]
    private partial void LogUnreadable(string path, string reason);
}
