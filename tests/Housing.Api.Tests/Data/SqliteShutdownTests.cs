using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Data;

/// <summary>An app that stops leaves its SQLite file whole and closed, with nothing open on it.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class SqliteShutdownTests
{
    [Test]
    public async Task AStoppedAppClosesTheFileAndFoldsTheWriteAheadLogBackIntoIt()
    {
        await using var database = new SqliteTestDatabase();
        await using (var app = new HousingApp(database))
        {
            var organization = await app.Admin.CreateOrganizationAsync();
            await app.Admin.CreateProgramIdAsync(Bodies.Emergency(organization));
            // A search is written by the search log as the app stops: its connection is the last one opened.
            var search = new JsonObject
            {
                ["household"] = new JsonObject { ["members"] = new JsonArray(new JsonObject { ["role"] = "adult", ["age"] = 40, ["genders"] = new JsonArray("woman") }) },
            };
            await (await app.Admin.PostJsonAsync("/v1/matches", search)).ExpectAsync(HttpStatusCode.OK);
        }

        Assert.That(File.Exists(database.Path + "-wal"), Is.False,
            "the write-ahead log is removed only when the last connection to the file closes");
        Assert.That(File.Exists(database.Path + "-shm"), Is.False);
    }
}
