using System.Text;
using Dashboard.Live;
using Dashboard.Operators;

namespace Dashboard.Tests.Operators;

public sealed class OperatorsCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")")]
    [InlineData("+1+1")]
    [InlineData("-1+1")]
    [InlineData("@SUM(A1)")]
    public async Task A_name_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(string name)
    {
        var snapshot = Snapshots.Of(OperatorBuilder.An(1).Named(name));
        using var output = new MemoryStream();

        await OperatorsCsv.WriteAsync(output, snapshot, ViewFilter.None, TestContext.Current.CancellationToken);

        var row = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n")[1];
        // The cell starts with an apostrophe: shown as the text, never evaluated.
        row.ShouldContain($",\"'{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\",");
    }
}
