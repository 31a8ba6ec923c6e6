using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Imports.Hmis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Imports;

/// <summary>How to import an HMIS export.</summary>
public sealed record HmisImportQuery
{
    [FromQuery(Name = "dryRun"), Description("true: answer what the import would do, and write nothing.")]
    public bool? DryRun { get; init; }

    [FromQuery(Name = "source"), Description("Which HMIS the export comes from (default hmis), such as ca-600: ids are matched within one source, so each HMIS needs its own.")]
    [RegularExpression(HmisImporter.SourcePattern, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Import_Source))]
    public string? Source { get; init; }
}

public static class ImportsApi
{
    public const string DefaultSource = "hmis";

    /// <summary>Most problems a refusal lists; an export with more is wrong in a way the first ones show.</summary>
    private const int MostProblems = 200;

    public static RouteGroupBuilder MapImports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/imports").WithTags("Imports");
        group.MapPost("/hmis", ImportHmis).WithName("ImportHmis")
            .WithSummary("Import a Continuum of Care's programs from its HMIS CSV export (one zip, or its CSV files), or see what it would do")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .DisableAntiforgery()
            .RequireRoles(Role.Admin);
        return group;
    }

    public static async Task<Results<Ok<HmisImportResult>, ValidationProblem>> ImportHmis(
        [AsParameters] HmisImportQuery query, HttpRequest http, Caller caller, HmisImporter importer, CancellationToken ct)
    {
        var v = new Validation();
        RequestShape.Check(query, v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        // Not multipart/form-data at all: 415 before this runs (Accepts). Multipart that does not parse: 400.
        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException || (e is IOException && e is not BadHttpRequestException))
        {
            v.Add("files", ProblemText.Problem_Import_NotMultipart);
            return TypedResults.ValidationProblem(v.Errors);
        }
        var (result, problems) = await RunAsync(form.Files, query.Source ?? DefaultSource, query.DryRun ?? false, Actor.Of(caller), importer, ct);
        return result is not null ? TypedResults.Ok(result) : TypedResults.ValidationProblem(Errors(problems));
    }

    /// <summary>The upload as an export (one zip, or the CSV files), imported: the API's and the console's one way in.</summary>
    public static async Task<(HmisImportResult? Result, IReadOnlyList<HmisProblem> Problems)> RunAsync(
        IFormFileCollection files, string source, bool dryRun, Actor actor, HmisImporter importer, CancellationToken ct)
    {
        if (files.Count == 0) return (null, [new HmisProblem("files", null, null, ProblemText.Problem_Import_NoFiles)]);
        var zips = files.Where(f => f.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)).ToList();
        if (zips.Count > 1 || (zips.Count == 1 && files.Count > 1))
            return (null, [new HmisProblem("files", null, null, ProblemText.Problem_Import_OneZip)]);
        HmisSource export;
        try
        {
            export = zips.Count == 1
                ? HmisSource.Zip(zips[0].OpenReadStream())
                : HmisSource.Files(files.Select(f => (f.FileName, (Func<Stream>)f.OpenReadStream)));
        }
        catch (InvalidDataException)
        {
            return (null, [new HmisProblem(zips[0].FileName, null, null, ProblemText.Problem_Import_NotAZip)]);
        }
        using (export) return await importer.RunAsync(export, source, dryRun, actor, progress: null, ct);
    }

    /// <summary>Problems by file, each message saying where in it: "line 12, column ProjectType: …".</summary>
    public static Dictionary<string, string[]> Errors(IReadOnlyList<HmisProblem> problems) =>
        problems.Take(MostProblems).GroupBy(p => p.File, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Where()).ToArray(), StringComparer.Ordinal);
}
