using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Data;

/// <summary>Choosing the engine: a mistake stops the service at start, saying what to set, never echoing a connection string.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class DatabaseConfigurationTests
{
    [Test]
    public void BothEnginesHaveTheSameMigrationsByNumberAndName() =>
        Assert.That(Migrator.Embedded(DatabaseEngine.Postgres).Select(m => m.Name).ToList(), Is.EqualTo(Migrator.Embedded(DatabaseEngine.Sqlite).Select(m => m.Name))
            .And.Count.EqualTo(Migrator.LatestVersion));

    [Test]
    public void AListStatementIsWrittenOnceAndPostgresComparesWithAny()
    {
        var sql = DialectSql.WithList("SELECT id FROM holds WHERE program_id IN @ids AND referral_id IN @referrals AND count > 0;");

        Assert.That(sql.Sqlite, Is.EqualTo("SELECT id FROM holds WHERE program_id IN @ids AND referral_id IN @referrals AND count > 0;"));
        Assert.That(sql.Postgres, Is.EqualTo("SELECT id FROM holds WHERE program_id = ANY(@ids) AND referral_id = ANY(@referrals) AND count > 0;"));
    }

    [Test]
    public async Task AnUnknownProviderStopsTheServiceNamingBothChoices()
    {
        await using var app = new HousingApp(settings: new Dictionary<string, string?> { ["Database:Provider"] = "mysql" });

        var failure = Assert.Catch(() => app.CreateClient());

        Assert.That(failure!.Message, Does.Contain("Database:Provider must be 'sqlite' or 'postgres'."));
    }

    [TestCase("Host=db.example.org;Database=housing", 20, 64)]
    [TestCase("Host=db.example.org;Database=housing;Maximum Pool Size=50;Max Auto Prepare=0", 50, 0)]
    [TestCase("Host=db.example.org;Database=housing;MaxPoolSize=5", 5, 64)]
    public void PostgresPoolsAreSmallAndPrepareFrequentStatementsUnlessTheConnectionStringSays(string connectionString, int pool, int prepared)
    {
        using var factory = new PostgresConnectionFactory(connectionString, new DatabaseOptions(), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        Assert.That((factory.MaxPoolSize, factory.MaxAutoPrepare), Is.EqualTo((pool, prepared)));
    }

    [TestCase("Data Source=data/housing.db", "set ConnectionStrings:Housing")]
    [TestCase("Database=housing;Username=housing;Password=s3cret-not-shown", "must name a server")]
    [TestCase("Hots=db.example.org;Password=s3cret-not-shown", "not a PostgreSQL connection string")]
    public async Task PostgresWithoutAServerToReachStopsTheServiceSayingWhatToSet(string connectionString, string message)
    {
        await using var app = new HousingApp(settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres",
            ["ConnectionStrings:Housing"] = connectionString,
        });

        var failure = Assert.Catch(() => app.CreateClient());

        Assert.That(failure!.ToString(), Does.Contain(message).And.Not.Contain("s3cret-not-shown"));
    }
}
