namespace Dashboard.Storage;

internal static class Columns
{
    /// <summary>
    /// Cuts text to a column's size: PostgreSQL refuses longer values (SQLite does not), and a record that cannot be
    /// written is worse than a name cut short.
    /// </summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Fit(string? text, int length) => text is not null && text.Length > length ? text[..length] : text;
}
