using System.Globalization;
using CsvHelper;

namespace Housing.Api.Imports.Hmis;

/// <summary>Something wrong in an export, where a person can find it: the file, and the line and column when there is one.</summary>
public sealed record HmisProblem(string File, int? Line, string? Column, string Message)
{
    public override string ToString() => $"{File}, {Where()}";

    /// <summary>Where in its file, and what: "line 12, column ProjectType: …".</summary>
    public string Where() => (Line, Column) switch
    {
        ({ } l, { } c) => Say.Format(ProblemText.Problem_Import_AtLineColumn, l, c, Message),
        ({ } l, null) => Say.Format(ProblemText.Problem_Import_AtLine, l, Message),
        (null, { } c) => Say.Format(ProblemText.Problem_Import_AtColumn, c, Message),
        _ => Message,
    };
}

/// <summary>
/// One file of an export, read with CsvHelper: its header must name every column the import
/// reads (by HUD's names, exactly), and each value read is checked, a mistake becoming a problem
/// that names the file, line and column, never the value (it may be a confidential address).
/// </summary>
public sealed class HmisCsv(string file, List<HmisProblem> problems)
{
    public string File { get; } = file;

    /// <summary>Each row, read through <paramref name="read"/>; rows HMIS marked deleted (DateDeleted) are left out.</summary>
    public List<T> Rows<T>(HmisSource source, IReadOnlyList<string> columns, Func<Row, T> read)
    {
        var rows = new List<T>();
        if (!source.Has(File))
        {
            problems.Add(new HmisProblem(File, null, null, ProblemText.Problem_Hmis_NoFile));
            return rows;
        }
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using var stream = source.Open(File);
        using var csv = CsvReader.Create(stream, options, leaveOpen: false);
        try
        {
            csv.ReadHeader();
            if (csv.Headers is not { Count: > 0 })
            {
                problems.Add(new HmisProblem(File, 1, null, ProblemText.Problem_Hmis_Empty));
                return rows;
            }
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var missing = false;
            foreach (var column in columns.Append("DateDeleted"))
            {
                if (csv.TryGetFieldIndex(column, out var i)) index[column] = i;
                else if (column != "DateDeleted")
                {
                    problems.Add(new HmisProblem(File, 1, column, ProblemText.Problem_Hmis_NoColumn));
                    missing = true;
                }
            }
            if (missing) return rows;
            while (csv.Read())
            {
                var row = new Row(this, csv, index, problems);
                if (row.Text("DateDeleted") is not null) continue;
                rows.Add(read(row));
            }
        }
        catch (CsvFormatException e)
        {
            problems.Add(new HmisProblem(File, null, null, Say.Format(ProblemText.Problem_Hmis_Malformed, e.Message)));
        }
        return rows;
    }

    /// <summary>The current row's values by column, each checked as it is read.</summary>
    public sealed class Row(HmisCsv file, CsvReader csv, Dictionary<string, int> index, List<HmisProblem> problems)
    {
        public int Line { get; } = (int)csv.LineNumber;

        private void Problem(string column, string message) => problems.Add(new HmisProblem(file.File, Line, column, message));

        /// <summary>Trimmed text, or null when empty (or, for DateDeleted only, when the file has no such column).</summary>
        public string? Text(string column)
        {
            if (!index.TryGetValue(column, out var i)) return null;
            var text = csv.GetStringOrNull(i)?.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        public string Required(string column)
        {
            var text = Text(column);
            if (text is null) Problem(column, ProblemText.Problem_Hmis_Required);
            return text ?? "";
        }

        /// <summary>A code from HUD's list, or null when empty and <paramref name="optional"/>.</summary>
        public int? Code(string column, IReadOnlySet<int> allowed, bool optional = false)
        {
            var text = Text(column);
            if (text is null)
            {
                if (!optional) Problem(column, ProblemText.Problem_Hmis_Required);
                return null;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || !allowed.Contains(code))
            {
                Problem(column, Say.Format(ProblemText.Problem_Hmis_NotACode, string.Join(", ", allowed.Order())));
                return null;
            }
            return code;
        }

        public int Count(string column)
        {
            var text = Text(column);
            if (text is null) return 0;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 100_000)
            {
                Problem(column, ProblemText.Problem_Hmis_NotACount);
                return 0;
            }
            return count;
        }

        /// <summary>A date as HUD writes it (yyyy-MM-dd), or null when empty and <paramref name="optional"/>.</summary>
        public DateOnly? Date(string column, bool optional = false)
        {
            var text = Text(column);
            if (text is null)
            {
                if (!optional) Problem(column, ProblemText.Problem_Hmis_Required);
                return null;
            }
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Problem(column, ProblemText.Problem_Hmis_NotADate);
                return null;
            }
            return date;
        }
    }
}
