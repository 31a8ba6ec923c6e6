using System.Diagnostics;
using System.Text.RegularExpressions;
using Housing.Api.Audit;
using Housing.Api.Imports.Hmis;

namespace Housing.Api.Imports;

/// <summary>
/// <c>import-hmis &lt;folder-or-zip&gt; [--dry-run | --yes] [--source NAME]</c>: the API's import
/// from the command line, with its progress as it goes. It shows what it would do first and asks
/// before writing (<c>--yes</c> does not ask; <c>--dry-run</c> only shows). Exit code 0 when
/// imported, shown or declined; 1 when the export was refused; 2 for a wrong command line.
/// </summary>
public static partial class ImportCommand
{
    public const string Verb = "import-hmis";

    /// <param name="input">Where to read the answer to "import these?"; null when no one is there to answer (input redirected).</param>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextReader? input, CancellationToken ct)
    {
        var dryRun = args.Contains("--dry-run");
        var yes = args.Contains("--yes");
        var sourceAt = args.ToList().IndexOf("--source");
        var source = sourceAt >= 0 && sourceAt + 1 < args.Count ? args[sourceAt + 1] : ImportsApi.DefaultSource;
        var paths = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (sourceAt < 0 || i != sourceAt + 1)).ToList();
        var known = args.Where((a, i) => a.StartsWith("--", StringComparison.Ordinal) && a is not ("--dry-run" or "--yes" or "--source")).ToList();
        if (paths.Count != 1 || known.Count > 0 || (dryRun && yes) || (sourceAt >= 0 && sourceAt + 1 >= args.Count) || !SourcePattern().IsMatch(source))
        {
            await output.WriteLineAsync(ImportText.Command_Usage);
            if (!SourcePattern().IsMatch(source)) await output.WriteLineAsync(ProblemText.Problem_Import_Source);
            return 2;
        }
        var path = Path.GetFullPath(paths[0]);
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            await output.WriteLineAsync(Say.Format(ImportText.Command_NoSuchPath, path));
            return 2;
        }

        // Without --yes the plan comes first, and a person says whether to go on.
        var status = await ImportAsync(services, path, source, dryRun: !yes, output, ct);
        if (status != 0 || yes) return status;
        if (dryRun)
        {
            await output.WriteLineAsync(ImportText.Command_DryRun);
            return 0;
        }
        if (input is null)
        {
            await output.WriteLineAsync(ImportText.Command_NotAsked);
            return 0;
        }
        await output.WriteAsync(ImportText.Command_Ask);
        if (!string.Equals((await input.ReadLineAsync(ct))?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
        {
            await output.WriteLineAsync(ImportText.Command_NotConfirmed);
            return 0;
        }
        return await ImportAsync(services, path, source, dryRun: false, output, ct);
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string path, string source, bool dryRun, TextWriter output, CancellationToken ct)
    {
        await output.WriteLineAsync(Say.Format(ImportText.Command_Reading, path));
        var clock = Stopwatch.StartNew();
        HmisSource files;
        try
        {
            files = HmisSource.From(path);
        }
        catch (InvalidDataException)
        {
            await output.WriteLineAsync(ProblemText.Problem_Import_NotAZip);
            return 1;
        }
        HmisImportResult? result;
        IReadOnlyList<HmisProblem> problems;
        using (files)
        {
            (result, problems) = await services.GetRequiredService<HmisImporter>()
                .RunAsync(files, source, dryRun, Actor.Service(Verb), new Progress(output), ct);
        }
        if (result is null)
        {
            await output.WriteLineAsync(Say.Format(ImportText.Command_Refused, problems.Count));
            foreach (var problem in problems) await output.WriteLineAsync("  " + problem);
            return 1;
        }

        await WriteAsync(result, output);
        if (!dryRun) await output.WriteLineAsync(Say.Format(ImportText.Command_Done, clock.Elapsed.TotalSeconds));
        return 0;
    }

    /// <summary>The counts, then each line (or, for a large export, how many were skipped and flagged for each reason).</summary>
    public static async Task WriteAsync(HmisImportResult result, TextWriter output)
    {
        var c = result.Counts;
        await output.WriteLineAsync(Say.Format(result.DryRun ? ImportText.Command_Organizations : ImportText.Command_Organizations_Done, c.OrganizationsCreated, c.OrganizationsUpdated));
        await output.WriteLineAsync(Say.Format(result.DryRun ? ImportText.Command_Programs : ImportText.Command_Programs_Done, c.ProgramsCreated, c.ProgramsUpdated, c.ProgramsUnchanged, c.ProgramsSkipped, c.Confidential));
        if (result.Programs.Any(l => l.Flags.Contains(HmisFlag.NeedsCompleting)))
            await output.WriteLineAsync(ImportText.Command_NeedsCompleting);
        if (result.Programs.Count <= 100)
        {
            foreach (var line in result.Programs) await output.WriteLineAsync("  " + ImportWords.Line(line));
            return;
        }
        await output.WriteLineAsync(Say.Format(ImportText.Command_ManyLines, result.Programs.Count));
        foreach (var skipped in result.Programs.Where(l => l.Reason is not null).GroupBy(l => l.Reason!.Value).OrderBy(g => g.Key))
            await output.WriteLineAsync($"  {ImportWords.Action(HmisAction.Skip)} ({skipped.Count()}): {ImportWords.Of(skipped.Key)}");
        foreach (var flagged in result.Programs.SelectMany(l => l.Flags).Where(f => f != HmisFlag.NeedsCompleting).GroupBy(f => f).OrderBy(g => g.Key))
            await output.WriteLineAsync($"  {flagged.Count()}: {ImportWords.Of(flagged.Key)}");
    }

    private sealed class Progress(TextWriter output) : IProgress<HmisImportProgress>
    {
        public void Report(HmisImportProgress value) => output.WriteLine("  " + (value.Stage == "read"
            ? Say.Format(ImportText.Command_Read, value.Total)
            : Say.Format(ImportText.Command_Progress, value.Done, value.Total, ImportWords.Stage(value.Stage))));
    }

    [GeneratedRegex(HmisImporter.SourcePattern)]
    private static partial Regex SourcePattern();
}

/// <summary>An import's codes in words, in the reader's language.</summary>
public static class ImportWords
{
    public static string Of(HmisImportSkip reason) => ImportText.ResourceManager.GetString("Skip_" + reason, ImportText.Culture)!;

    public static string Of(HmisFlag flag) => ImportText.ResourceManager.GetString("Flag_" + flag, ImportText.Culture)!;

    public static string Action(HmisAction action) => ImportText.ResourceManager.GetString("Action_" + action, ImportText.Culture)!;

    public static string Stage(string stage) => ImportText.ResourceManager.GetString("Stage_" + stage, ImportText.Culture) ?? stage;

    /// <summary>"create  P-101  Downtown Women's Shelter (spa-4, CA-600): confidential: address not imported…".</summary>
    public static string Line(HmisProgramLine line)
    {
        var where = string.Join(", ", new[] { line.Region, line.CocCode }.Where(s => s is not null));
        var why = line.Reason is { } reason ? [Of(reason)] : line.Flags.Where(f => f != HmisFlag.NeedsCompleting).Select(Of).ToList();
        return $"{Action(line.Action),-9} {line.HmisId}  {line.Name}{(where.Length > 0 ? $" ({where})" : "")}{(why.Count > 0 ? ": " + string.Join("; ", why) : "")}";
    }
}
