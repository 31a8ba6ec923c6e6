using Housing.Api.Tests.Infrastructure;

// In the tests' root namespace, so it runs once around every test in the assembly.
namespace Housing.Api.Tests;

/// <summary>When the run ends, drops the PostgreSQL schemas tests rented.</summary>
[SetUpFixture]
public sealed class TestDatabases
{
    [OneTimeTearDown]
    public Task DropRentedSchemas() => PostgresTestDatabase.DropRentedAsync();
}
