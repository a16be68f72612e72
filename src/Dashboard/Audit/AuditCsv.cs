using System.Globalization;
using CsvHelper;

namespace Dashboard.Audit;

/// <summary>Writes audit entries as CSV, one row at a time, so that an export of years of entries stays small in memory.</summary>
public static class AuditCsv
{
    public static readonly string[] Columns =
    [
        "id", "requested_at", "user", "via", "operator_id", "operator_name", "channel", "from", "to",
        "outcome", "message", "verified_state", "duration_ms", "completed_at",
    ];

    // Operator names come from iAdvize and messages from its answers: a spreadsheet must read "=HYPERLINK(...)" as text.
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Options, true);
        await csv.WriteRecordAsync(Columns, cancellationToken);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync(
                [
                    entry.Id.ToString(CultureInfo.InvariantCulture),
                    Time(entry.RequestedAt),
                    entry.Actor,
                    entry.Via,
                    entry.OperatorId.ToString(CultureInfo.InvariantCulture),
                    entry.OperatorName,
                    entry.Channel,
                    entry.FromState,
                    entry.ToState,
                    entry.Outcome?.ToString() ?? "Pending",
                    entry.Message,
                    entry.VerifiedState,
                    entry.DurationMs?.ToString(CultureInfo.InvariantCulture),
                    entry.CompletedAt is { } completed ? Time(completed) : null,
                ],
                cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
