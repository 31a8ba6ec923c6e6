using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Programs;

/// <summary>Writers holding the same ETag: exactly one wins, the others are told to read again.</summary>
public class ConcurrencyTests(DatabaseEngine engine) : HousingTest(engine)
{
    private const int Rounds = 10;

    [TestCase(2)]
    [TestCase(4)]
    public async Task EditorsWithTheSameETagCannotBothWin(int writers)
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var clients = await ShelterClientsAsync(shelter, writers);

        for (var round = 1; round <= Rounds; round++)
        {
            var etag = $"\"{round}\"";
            // Different content from each writer, so no one's request counts as already applied.
            var responses = await Together.SendAsync(clients.Select((client, w) => (Func<Task<HttpResponseMessage>>)(() =>
                client.PutJsonAsync($"/v1/programs/{id}", Bodies.Emergency(shelter.OrganizationId, $"Round {round} by writer {w}"), etag))));

            var won = await AssertOneWinnerAsync(responses, round);
            var current = await shelter.Client.GetJsonAsync($"/v1/programs/{id}");
            Assert.That((int?)current["version"], Is.EqualTo(round + 1), "exactly one new version per round");
            Assert.That((string?)current["name"], Is.EqualTo((string?)won["name"]), "the stored program is the winner's");
        }
    }

    [TestCase(2)]
    [TestCase(4)]
    public async Task AvailabilityPostsWithTheSameETagCannotBothWin(int writers)
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var clients = await ShelterClientsAsync(shelter, writers);
        var etag = (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(10, 10))).ETag();

        for (var round = 1; round <= Rounds; round++)
        {
            var responses = await Together.SendAsync(clients.Select((client, w) => (Func<Task<HttpResponseMessage>>)(() =>
                client.PostAvailabilityAsync(id, Bodies.OpenBeds(round, w), etag))));

            var won = await AssertOneWinnerAsync(responses, round);
            var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
            var latest = await shelter.Client.GetAsync($"/v1/programs/{id}/availability");
            Assert.That((await latest.ExpectAsync(HttpStatusCode.OK)).ToJsonString(), Is.EqualTo(won.ToJsonString()));
            Assert.That(latest.ETag(), Is.EqualTo(winner.ETag()));
            etag = winner.ETag();
        }
    }

    [Test]
    public async Task ConcurrentPostsWithoutIfMatchAreAllKept()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));

        var responses = await Together.SendAsync(Enumerable.Range(0, 8).Select(i => (Func<Task<HttpResponseMessage>>)(() =>
            shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(i, 0)))));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(responses.Select(r => r.ETag()).Distinct().Count(), Is.EqualTo(8), "each acknowledged post is its own snapshot");
    }

    private static async Task<JsonNode> AssertOneWinnerAsync(HttpResponseMessage[] responses, int round)
    {
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), $"round {round}: {string.Join(", ", statuses)}");
        Assert.That(statuses.Count(s => s == HttpStatusCode.PreconditionFailed), Is.EqualTo(responses.Length - 1), $"round {round}: {string.Join(", ", statuses)}");
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            await loser.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        return await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ExpectAsync(HttpStatusCode.OK);
    }

    private async Task<IReadOnlyList<HttpClient>> ShelterClientsAsync(Shelter shelter, int count)
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < count; i++) clients.Add(await App.ClientForRoleAsync("shelter", shelter.OrganizationId));
        return clients;
    }
}
