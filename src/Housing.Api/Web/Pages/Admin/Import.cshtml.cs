using System.Text.RegularExpressions;
using Housing.Api.Audit;
using Housing.Api.Http;
using Housing.Api.Imports;
using Housing.Api.Imports.Hmis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Admin;

/// <summary>
/// The HMIS import as the console does it: an upload is always a dry run first
/// (<see cref="ImportsApi.RunAsync"/>, the API's own way in), its files kept on the server
/// (<see cref="ImportUploads"/>) under a token bound to this session; the confirmation imports
/// those files, planning again inside the import, and deletes them.
/// </summary>
[Authorize(Policy = ConsoleAuth.Admin)]
public sealed partial class ImportModel(ImportUploads uploads, HmisImporter importer, IOptions<LimitsOptions> limits) : ConsolePage
{
    /// <summary>Skipped and flagged lines shown, at most: each needs a person's eye.</summary>
    public const int MostAttention = 1000;

    /// <summary>Other lines shown, at most; the counts cover them all.</summary>
    public const int MostOthers = 200;

    public const int MostProblems = 200;

    public string Source { get; private set; } = ImportsApi.DefaultSource;

    /// <summary>What the import would do (a dry run) or did.</summary>
    public HmisImportResult? Result { get; private set; }

    public IReadOnlyList<HmisProblem> Problems { get; private set; } = [];

    /// <summary>The kept upload's token, for the confirmation form.</summary>
    public string? Token { get; private set; }

    public IReadOnlyList<HmisProgramLine> Attention { get; private set; } = [];

    public int AttentionCount { get; private set; }

    public IReadOnlyList<HmisProgramLine> Others { get; private set; } = [];

    public int OthersCount { get; private set; }

    public long MaxMegabytes => Math.Max(1, limits.Value.MaxImportBytes / (1024 * 1024));

    private string Session => ConsoleAuth.Session(User);

    public void OnGet(string? done)
    {
        uploads.Sweep();
        if (done == "cancelled") Notice = ImportPageText.Import_Cancelled;
    }

    /// <summary>The upload: always a dry run; the files are kept for the confirmation only when the export reads.</summary>
    public async Task<IActionResult> OnPostAsync(string? source, CancellationToken ct)
    {
        Source = string.IsNullOrWhiteSpace(source) ? ImportsApi.DefaultSource : source.Trim();
        if (!SourcePattern().IsMatch(Source))
        {
            ShowErrors(new Dictionary<string, string[]> { ["source"] = [ProblemText.Problem_Import_Source] });
            return Page();
        }
        var files = Request.HasFormContentType ? Request.Form.Files : new FormFileCollection();
        if (files.Count == 0)
        {
            ShowErrors(new Dictionary<string, string[]> { ["files"] = [ImportPageText.Import_NoFiles] });
            return Page();
        }

        var (result, problems) = await ImportsApi.RunAsync(files, Source, dryRun: true, Actor.Of(Caller), importer, ct);
        if (result is null) return Refused(problems);
        Token = await uploads.KeepAsync(files, Session, Source, ct);
        Show(result);
        return Page();
    }

    /// <summary>The confirmation: imports the kept files once, for this session only, then deletes them.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string? token, CancellationToken ct)
    {
        using var claim = uploads.Take(token, Session);
        if (claim is null)
        {
            Problem = ImportPageText.Import_Gone;
            return Page();
        }
        Source = claim.Source;
        var (result, problems) = await ImportsApi.RunAsync(claim.Files(), claim.Source, dryRun: false, Actor.Of(Caller), importer, ct);
        if (result is null) return Refused(problems);
        Notice = ImportPageText.Import_Done;
        Show(result);
        return Page();
    }

    public IActionResult OnPostCancel(string? token)
    {
        uploads.Discard(token, Session);
        return LocalRedirect("/admin/import?done=cancelled");
    }

    private IActionResult Refused(IReadOnlyList<HmisProblem> problems)
    {
        Problems = problems;
        Problem = ImportPageText.Import_Refused;
        return Page();
    }

    private void Show(HmisImportResult result)
    {
        Result = result;
        var attention = result.Programs.Where(NeedsAttention).ToList();
        var others = result.Programs.Where(l => !NeedsAttention(l)).ToList();
        AttentionCount = attention.Count;
        Attention = attention.Take(MostAttention).ToList();
        OthersCount = others.Count;
        Others = others.Take(MostOthers).ToList();
    }

    /// <summary>Skipped, confidential, or flagged for something other than the completing every new program needs.</summary>
    private static bool NeedsAttention(HmisProgramLine line) =>
        line.Action == HmisAction.Skip || line.Confidential || line.Flags.Any(f => f != HmisFlag.NeedsCompleting);

    /// <summary>Why a line is skipped, or what to know about it, in words.</summary>
    public static string Notes(HmisProgramLine line) => line.Reason is { } reason
        ? ImportWords.Of(reason)
        : string.Join("; ", line.Flags.Where(f => f != HmisFlag.NeedsCompleting).Select(ImportWords.Of));

    [GeneratedRegex(HmisImporter.SourcePattern)]
    private static partial Regex SourcePattern();
}
