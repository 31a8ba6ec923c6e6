using System.Text.RegularExpressions;
using Housing.Api.Tests.Hostile;

namespace Housing.Api.Tests.Data;

/// <summary>
/// On SQLite a write's transaction is its group's (see <c>SqliteWriter</c>): a store that committed
/// it directly would commit the others' writes early and break the next writer's savepoint.
/// Every write commits through its <c>WriteTransaction</c>.
/// </summary>
public sealed partial class WriteCommitRuleTests
{
    [Test]
    public void NoStoreCommitsOrRollsBackAWritesTransactionItself()
    {
        var source = Path.Combine(ContractOperations.RepositoryRoot(), "src", "Housing.Api");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && Path.GetDirectoryName(f) != Path.Combine(source, "Data") // the writers themselves
                && File.ReadAllText(f).Contains("BeginWriteAsync", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(l => RawEnd().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(source, l.f)}:{l.i + 1}: {l.line.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty, "use write.CommitAsync(ct); disposing the write rolls it back");
    }

    [GeneratedRegex(@"\b(tx|transaction|Transaction)\.(Commit|Rollback)(Async)?\(")]
    private static partial Regex RawEnd();
}
