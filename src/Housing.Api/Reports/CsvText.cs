using CsvHelper;

namespace Housing.Api.Reports;

/// <summary>RFC 4180 text through CsvHelper: a header, then one record per row; null fields are empty.</summary>
public static class CsvText
{
    /// <param name="escapeFormulas">Prefix text that a spreadsheet would run as a formula (=, +, -, @) so it stays text.</param>
    public static string Write(IReadOnlyList<string> header, IEnumerable<string?[]> rows, bool escapeFormulas)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var options = new CsvWriterOptions { Injection = escapeFormulas ? CsvInjection.Escape : CsvInjection.None };
        using (var csv = CsvWriter.Create(text, options, leaveOpen: true))
        {
            csv.WriteRecord([.. header]);
            foreach (var row in rows) csv.WriteRecord(row!);
            csv.Flush();
        }
        return text.ToString();
    }
}
