using System.Reflection;
using System.Text.RegularExpressions;
using Housing.Api.Tests.Contract;
using Housing.Api.Tests.Hostile;

namespace Housing.Api.Tests.Docs;

/// <summary>
/// The docs cannot drift from the code: every curl they show names an operation, parameters and
/// body fields the contract has; the configuration table lists exactly the settings the options
/// classes bind; every relative link points at a file that exists.
/// </summary>
public sealed partial class DocsTests
{
    private static readonly string Root = ContractOperations.RepositoryRoot();

    /// <summary>Settings the host reads itself rather than through an options class of ours.</summary>
    private static readonly string[] HostSettings =
    [
        "ConnectionStrings:Housing", "HOUSING_BOOTSTRAP_ADMIN_KEY", "ASPNETCORE_URLS", "--urls",
        // The console logger's own settings, bound by the framework.
        "Logging:Console:FormatterName", "Logging:Console:QueueFullMode", "Logging:Console:MaxQueueLength",
        // OpenTelemetry's standard variables, read by its SDK (the first two by the service too).
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_RESOURCE_ATTRIBUTES",
    ];

    private static IEnumerable<string> MarkdownFiles() =>
        new[] { "README.md", "CONTRIBUTING.md" }.Select(f => Path.Combine(Root, f))
            .Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md"))
            .Concat(Directory.GetFiles(Path.Combine(Root, "src"), "README.md", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)));

    private static List<DocumentedCurl> AllCurls() =>
        MarkdownFiles().SelectMany(f => DocumentedCurl.In(Path.GetRelativePath(Root, f), File.ReadAllText(f))).ToList();

    [Test]
    public void EveryCurlInTheDocsNamesAnOperationAndParametersAndBodyFieldsTheContractHas()
    {
        var curls = AllCurls();
        Assert.That(curls.Count(c => c.Where.StartsWith("docs/walkthrough.md", StringComparison.Ordinal)), Is.GreaterThan(30),
            "the walk-through's curls were not found: the parser no longer reads them");
        Assert.That(curls.Count(c => c.Body is not null), Is.GreaterThan(10), "the bodies written out in the docs were not found");

        var failures = curls
            .Select(c => (c, failure: ResponseContract.Committed.CheckRequest(c.Method, c.Path, c.Query, c.Headers, c.Body)))
            .Where(x => x.failure is not null)
            .Select(x => $"{x.c.Where}: {x.c.Method} {x.c.Path}: {x.failure}")
            .ToList();
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    [Test]
    public void TheConfigurationTableListsExactlyTheSettingsTheServiceReads()
    {
        var documented = DocumentedSettings();
        Assert.That(documented, Has.Count.GreaterThan(40), "the configuration table in docs/operations.md was not found");
        var bound = BoundSettings();

        var notBound = documented.Where(d => !bound.Contains(d) && !HostSettings.Contains(d)).ToList();
        var undocumented = bound.Where(b => !documented.Contains(b)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(notBound, Is.Empty, "docs/operations.md names settings no options class binds");
            Assert.That(undocumented, Is.Empty, "settings the service binds that docs/operations.md does not list");
        });
        var source = string.Join('\n', Directory.GetFiles(Path.Combine(Root, "src", "Housing.Api"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        foreach (var host in new[] { "HOUSING_BOOTSTRAP_ADMIN_KEY", "\"Housing\"", "FormatterName", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME" })
            Assert.That(source, Does.Contain(host), $"the service no longer reads {host}, which docs/operations.md documents");
    }

    [Test]
    public void EveryRelativeLinkInTheDocsPointsAtAFileThatExists()
    {
        var broken = new List<string>();
        foreach (var file in MarkdownFiles())
        {
            foreach (Match m in Link().Matches(File.ReadAllText(file)))
            {
                var target = m.Groups["target"].Value.Split('#')[0];
                if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
                if (!Path.Exists(Path.Combine(Path.GetDirectoryName(file)!, target)))
                    broken.Add($"{Path.GetRelativePath(Root, file)}: {target}");
            }
        }
        Assert.That(broken, Is.Empty);
    }

    [Test]
    public void TheWalkthroughGivesTheReportCsvHeaderTheServiceWrites()
    {
        var walkthrough = File.ReadAllText(Path.Combine(Root, "docs", "walkthrough.md"));
        var documented = Regex.Match(walkthrough, @"Header:\s*`(?<header>date,[^`]+)`");
        Assert.That(documented.Success, Is.True, "the report CSV's header was not found in docs/walkthrough.md");
        Assert.That(documented.Groups["header"].Value, Is.EqualTo(string.Join(",", Housing.Api.Reports.ReportCsv.Header)));
    }

    [Test]
    public void TheReadmeStaysAFrontDoor()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "README.md"));
        Assert.That(lines, Has.Length.LessThanOrEqualTo(160), "move manuals into docs/ and link them");
    }

    /// <summary>
    /// The first column of the table under "Configuration" in docs/operations.md (other sections'
    /// tables, such as the metrics', name other things): `Section:Key`, and bare `Key`s continuing the last section.
    /// </summary>
    private static HashSet<string> DocumentedSettings()
    {
        var settings = new HashSet<string>(StringComparer.Ordinal);
        var configuration = File.ReadLines(Path.Combine(Root, "docs", "operations.md"))
            .SkipWhile(l => l != "## Configuration").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));
        foreach (var line in configuration.Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cell = line.Split('|')[1];
            string? prefix = null;
            foreach (Match m in Code().Matches(cell))
            {
                var name = m.Groups[1].Value;
                var colon = name.LastIndexOf(':');
                if (colon > 0) prefix = name[..colon];
                settings.Add(colon > 0 || prefix is null ? name : $"{prefix}:{name}");
            }
        }
        return settings;
    }

    /// <summary>Every setting an options class of the service binds: its Section, then its properties, nested ones as Section:Outer:Inner.</summary>
    private static HashSet<string> BoundSettings()
    {
        var settings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(Program).Assembly.GetTypes())
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is not { IsLiteral: true } field) continue;
            Add((string)field.GetRawConstantValue()!, type, settings);
        }
        return settings;
    }

    private static void Add(string prefix, Type type, HashSet<string> settings)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{property.Name}";
            if (property.PropertyType.IsClass && property.PropertyType.Assembly == type.Assembly) Add(key, property.PropertyType, settings);
            else settings.Add(key);
        }
    }

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();
}
