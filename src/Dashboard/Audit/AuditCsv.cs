using CsvHelper;

namespace Dashboard.Audit;

/// <summary>One audit entry as a line of <c>/audit/export.csv</c>. Times are UTC, ISO 8601; an entry still running says <c>Pending</c>.</summary>
[CsvRecord]
public sealed partial class AuditCsvRow
{
    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    [CsvColumn("id")] public long Id { get; init; }

    [CsvColumn("requested_at"), CsvFormat(UtcFormat)] public DateTime RequestedAt { get; init; }

    [CsvColumn("user")] public string User { get; init; } = "";

    [CsvColumn("via")] public string Via { get; init; } = "";

    [CsvColumn("operator_id")] public int OperatorId { get; init; }

    [CsvColumn("operator_name")] public string OperatorName { get; init; } = "";

    [CsvColumn("channel")] public string Channel { get; init; } = "";

    [CsvColumn("from")] public string FromState { get; init; } = "";

    [CsvColumn("to")] public string ToState { get; init; } = "";

    [CsvColumn("outcome")] public string Outcome { get; init; } = "";

    [CsvColumn("message")] public string? Message { get; init; }

    [CsvColumn("verified_state")] public string? VerifiedState { get; init; }

    [CsvColumn("duration_ms")] public long? DurationMs { get; init; }

    [CsvColumn("completed_at"), CsvFormat(UtcFormat)] public DateTime? CompletedAt { get; init; }

    public static AuditCsvRow Of(AuditEntry entry) => new()
    {
        Id = entry.Id,
        RequestedAt = entry.RequestedAt.UtcDateTime,
        User = entry.Actor,
        Via = entry.Via,
        OperatorId = entry.OperatorId,
        OperatorName = entry.OperatorName,
        Channel = entry.Channel,
        FromState = entry.FromState,
        ToState = entry.ToState,
        Outcome = entry.Outcome?.ToString() ?? "Pending",
        Message = entry.Message,
        VerifiedState = entry.VerifiedState,
        DurationMs = entry.DurationMs,
        CompletedAt = entry.CompletedAt?.UtcDateTime,
    };
}

/// <summary>Writes audit entries as CSV, one row at a time, so that an export of years of entries stays small in memory.</summary>
public static class AuditCsv
{
    // Operator names come from iAdvize and messages from its answers: a spreadsheet must read "=HYPERLINK(...)" as text.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.For<AuditCsvRow>() with
    {
        Injection = CsvInjection.Escape,
        FormatProvider = System.Globalization.CultureInfo.InvariantCulture,
    };

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        await csv.WriteRecordsAsync(entries.Select(AuditCsvRow.Of), cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }
}
