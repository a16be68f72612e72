using CsvHelper;
using Dashboard.Live;

namespace Dashboard.Operators;

/// <summary>One operator as a line of <c>/export/operators.csv</c>: who they are and each channel's state at <see cref="TakenAt"/>.</summary>
/// <remarks>
/// Slots are two numbers rather than "1/3", which a spreadsheet would read as a date. Times are UTC, ISO 8601; an
/// empty <c>*_since</c> means the dashboard has not seen that state begin.
/// </remarks>
[CsvRecord]
public sealed partial class OperatorCsvRow
{
    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    [CsvColumn("taken_at"), CsvFormat(UtcFormat)] public DateTime? TakenAt { get; init; }

    [CsvColumn("id")] public int Id { get; init; }

    [CsvColumn("name")] public string Name { get; init; } = "";

    [CsvColumn("pseudo")] public string? Pseudo { get; init; }

    [CsvColumn("external_id")] public string? ExternalId { get; init; }

    [CsvColumn("group")] public string? Group { get; init; }

    [CsvColumn("skills")] public string? Skills { get; init; }

    [CsvColumn("websites")] public string? Websites { get; init; }

    [CsvColumn("connected")] public bool Connected { get; init; }

    [CsvColumn("chat_state")] public string ChatState { get; init; } = "";

    [CsvColumn("chat_slots_used")] public int ChatSlotsUsed { get; init; }

    [CsvColumn("chat_slots_max")] public int ChatSlotsMax { get; init; }

    [CsvColumn("chat_since"), CsvFormat(UtcFormat)] public DateTime? ChatSince { get; init; }

    [CsvColumn("call_state")] public string CallState { get; init; } = "";

    [CsvColumn("call_slots_used")] public int CallSlotsUsed { get; init; }

    [CsvColumn("call_slots_max")] public int CallSlotsMax { get; init; }

    [CsvColumn("call_since"), CsvFormat(UtcFormat)] public DateTime? CallSince { get; init; }

    [CsvColumn("video_state")] public string VideoState { get; init; } = "";

    [CsvColumn("video_slots_used")] public int VideoSlotsUsed { get; init; }

    [CsvColumn("video_slots_max")] public int VideoSlotsMax { get; init; }

    [CsvColumn("video_since"), CsvFormat(UtcFormat)] public DateTime? VideoSince { get; init; }

    public static OperatorCsvRow From(OperatorState op, DateTimeOffset? takenAt) => new()
    {
        TakenAt = takenAt?.UtcDateTime,
        Id = op.Id,
        Name = op.Name,
        Pseudo = op.Pseudo,
        ExternalId = op.ExternalId,
        Group = op.Group,
        Skills = op.Skills,
        Websites = op.Websites,
        Connected = op.Connected,
        ChatState = op.Chat.Status.ToWire(),
        ChatSlotsUsed = op.Chat.Slots,
        ChatSlotsMax = op.Chat.MaxSlots,
        ChatSince = op.Chat.Since?.UtcDateTime,
        CallState = op.Call.Status.ToWire(),
        CallSlotsUsed = op.Call.Slots,
        CallSlotsMax = op.Call.MaxSlots,
        CallSince = op.Call.Since?.UtcDateTime,
        VideoState = op.Video.Status.ToWire(),
        VideoSlotsUsed = op.Video.Slots,
        VideoSlotsMax = op.Video.MaxSlots,
        VideoSince = op.Video.Since?.UtcDateTime,
    };
}

/// <summary>Writes the operators a filter keeps, as the dashboard shows them, as CSV.</summary>
public static class OperatorsCsv
{
    // Names and pseudonyms come from iAdvize, where anyone with an account can type "=HYPERLINK(...)": a spreadsheet
    // opening the file must read them as text, not run them.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.For<OperatorCsvRow>() with
    {
        Injection = CsvInjection.Escape,
        FormatProvider = System.Globalization.CultureInfo.InvariantCulture,
        TrueValue = "true",
        FalseValue = "false",
    };

    public static async Task WriteAsync(Stream output, Snapshot snapshot, ViewFilter filter, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        await csv.WriteRecordsAsync(snapshot.Operators.Where(filter.Matches).Select(op => OperatorCsvRow.From(op, snapshot.TakenAt)), cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }
}
