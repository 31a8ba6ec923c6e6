using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Housing.Api.Tests.Contract;

/// <summary>
/// openapi.yaml at the repository root is the published contract. The app generates its
/// document from the code; this test keeps the two equal, and says how to regenerate.
/// </summary>
public class OpenApiContractTests
{
    private const string UpdateVariable = "HOUSING_UPDATE_OPENAPI";
    private const string RegenerateCommand = UpdateVariable + "=1 dotnet test Housing.sln --filter OpenApiContract";

    [Test]
    public async Task CommittedContractMatchesTheDocumentTheAppGenerates()
    {
        var directory = Path.Combine(Path.GetTempPath(), "housing-contract-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
                b.UseSetting("ConnectionStrings:Housing", $"Data Source={Path.Combine(directory, "housing.db")}"));
            using var client = factory.CreateClient();
            var generated = Normalise(await client.GetStringAsync("/openapi/v1.yaml"));

            var path = Path.Combine(RepositoryRoot(), "openapi.yaml");
            if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            {
                await File.WriteAllTextAsync(path, generated);
                Assert.Pass($"Wrote {path}.");
            }

            var committed = File.Exists(path) ? Normalise(await File.ReadAllTextAsync(path)) : "";
            if (committed != generated)
                Assert.Fail($"openapi.yaml does not match the document the app generates.\n{FirstDifference(committed, generated)}\nIf the change is intended, regenerate it:\n  {RegenerateCommand}");
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static string Normalise(string yaml) => yaml.Replace("\r\n", "\n").TrimEnd() + "\n";

    private static string FirstDifference(string committed, string generated)
    {
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(end of file)";
            var right = i < b.Length ? b[i] : "(end of file)";
            if (left != right) return $"First difference at line {i + 1}:\n  openapi.yaml: {left}\n  generated:    {right}";
        }
        return "";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Housing.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Housing.sln not found above the test assembly.");
    }
}
