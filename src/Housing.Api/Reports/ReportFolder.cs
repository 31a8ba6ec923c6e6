using Microsoft.Extensions.Options;

namespace Housing.Api.Reports;

/// <summary>
/// Writes a finished report's CSV and HTML into <see cref="ReportOptions.OutputFolder"/>, when
/// set, as <c>capacity-yyyy-MM-dd.csv</c> and <c>.html</c>. Each file is written beside its
/// final name and then moved over it, so automation watching the folder never reads half a file.
/// </summary>
public sealed class ReportFolder(IOptions<ReportOptions> options, ReportHtml html)
{
    public async Task WriteAsync(CapacityReport report, CancellationToken ct)
    {
        if (options.Value.OutputFolder is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        var name = $"capacity-{report.Date.Iso()}";
        await WriteAtomicallyAsync(Path.Combine(folder, name + ".csv"), ReportCsv.Write(report), ct);
        await WriteAtomicallyAsync(Path.Combine(folder, name + ".html"), await html.RenderAsync(report, Language.Cultures[0]), ct);
    }

    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken ct)
    {
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, content, ct);
        File.Move(temp, path, overwrite: true);
    }
}
