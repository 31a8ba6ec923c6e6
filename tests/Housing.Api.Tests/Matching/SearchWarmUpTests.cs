using Housing.Api.Data;
using Housing.Api.Matching;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Matching;

/// <summary>The index is built as the service starts, so the first search does not pay for it; and not when turned off.</summary>
public sealed class SearchWarmUpTests(DatabaseEngine engine) : HousingTest(engine)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<MatchIndex?> StartAndWarmAsync(bool warmUp)
    {
        var shelter = await App.NewShelterAsync();
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(2, 5))).ExpectAsync(System.Net.HttpStatusCode.OK);

        // A second instance on the same database, as the service after a restart.
        await using var restarted = new HousingApp(App.Database, new Dictionary<string, string?> { ["Matching:WarmUp"] = warmUp ? "true" : "false" });
        (await restarted.CreateClient().GetAsync("/health/live")).EnsureSuccessStatusCode();
        await restarted.Services.GetRequiredService<SearchWarmUp>().Done.WaitAsync(Patience);
        return restarted.Services.GetRequiredService<MatchIndexCache>().Current;
    }

    [Test]
    public async Task TheIndexIsBuiltAsTheServiceStarts()
    {
        var index = await StartAndWarmAsync(warmUp: true);
        Assert.That(index, Is.Not.Null, "built before any search");
        Assert.That(index!.Entries, Has.Length.EqualTo(1));
        Assert.That(index.Day, Is.EqualTo(DateOnly.FromDateTime(HousingApp.Start.UtcDateTime)));
    }

    [Test]
    public async Task WithoutTheWarmUpTheFirstSearchBuildsIt() =>
        Assert.That(await StartAndWarmAsync(warmUp: false), Is.Null);
}
