using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;

namespace Housing.Api.Tests.Hostile;

/// <summary>One parameter of an operation as the contract declares it.</summary>
public sealed record ContractParameter(string Name, ParameterLocation In, IOpenApiSchema? Schema, bool Required);

/// <summary>One operation of openapi.yaml: what the fuzzer needs to build requests for it, good and bad.</summary>
public sealed record ContractOperation(
    string Id, HttpMethod Method, string Path, IReadOnlyList<ContractParameter> Parameters, IOpenApiSchema? Body, bool BodyRequired,
    bool Secured, IReadOnlyList<string> Roles, IReadOnlyList<HttpMethod> OtherMethods)
{
    public override string ToString() => $"{Id} ({Method} {Path})";
}

/// <summary>Reads the committed contract, openapi.yaml, so that every operation it lists is fuzzed, new ones included.</summary>
public static partial class ContractOperations
{
    public static async Task<IReadOnlyList<ContractOperation>> LoadAsync()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var (document, diagnostic) = await OpenApiDocument.LoadAsync(Path.Combine(RepositoryRoot(), "openapi.yaml"), settings);
        if (document is null || diagnostic?.Errors.Count > 0)
            throw new InvalidOperationException("openapi.yaml could not be read: " + string.Join("; ", diagnostic?.Errors.Select(e => e.Message) ?? []));

        var operations = new List<ContractOperation>();
        foreach (var (path, item) in document.Paths)
        {
            var declared = item.Operations?.Keys.ToList() ?? [];
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var parameters = (item.Parameters ?? []).Concat(operation.Parameters ?? [])
                    .Select(p => new ContractParameter(p.Name!, p.In ?? ParameterLocation.Query, p.Schema, p.Required))
                    .ToList();
                var body = operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true ? media.Schema : null;
                operations.Add(new ContractOperation(operation.OperationId ?? $"{method} {path}", method, path, parameters, body,
                    operation.RequestBody?.Required ?? false, operation.Security?.Count > 0, Roles(operation.Description),
                    MethodsToTry.Where(m => !declared.Contains(m)).ToList()));
            }
        }
        return operations;
    }

    /// <summary>Methods sent to a path that does not declare them: each must be refused with a problem.</summary>
    private static readonly HttpMethod[] MethodsToTry = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch];

    /// <summary>The roles the operation's description names ("Roles: admin, shelter."), as the app's document transformer writes them.</summary>
    private static IReadOnlyList<string> Roles(string? description) =>
        description is not null && RolesLine().Match(description) is { Success: true } m
            ? m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Housing.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Housing.sln not found above the test assembly.");
    }

    [GeneratedRegex(@"Roles: ([a-z_, ]+)\.")]
    private static partial Regex RolesLine();
}
