using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// One deployment may cover several Continuums of Care: a search covers all of them unless it
/// names some, and then offers only programs in those, saying why the rest were left out.
/// </summary>
public sealed class CocSearchTests(DatabaseEngine engine) : HousingTest(engine)
{
    private HttpClient _caseManager = null!;
    private Guid _losAngeles, _longBeach, _noCoc;

    [SetUp]
    public async Task ProgramsInTwoContinuumsOfCareAndOneInNone()
    {
        _caseManager = await App.ClientForRoleAsync("case_manager", await Admin.CreateOrganizationAsync("Hotline", "agency"));
        var shelter = await App.NewShelterAsync();
        async Task<Guid> Program(string name, string? coc)
        {
            var body = Bodies.Emergency(shelter.OrganizationId, name);
            if (coc is not null) body["cocCode"] = coc;
            var id = await shelter.Client.CreateProgramIdAsync(body);
            await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 0))).ExpectAsync(HttpStatusCode.OK);
            return id;
        }
        _losAngeles = await Program("Los Angeles program", "CA-600");
        _longBeach = await Program("Long Beach program", "CA-606");
        _noCoc = await Program("Program in no CoC", null);
    }

    private static JsonObject Searching(params string[] cocs) =>
        Search(Household(Adult(30, "woman")), wants: cocs.Length == 0 ? null : new JsonObject { ["cocCodes"] = Array(cocs) });

    [Test]
    public async Task ASearchCoversEveryContinuumOfCareUnlessItNamesSome()
    {
        var all = await _caseManager.MatchAsync(Searching());
        Assert.That(all.Matches().Select(m => m.ProgramId()), Is.EquivalentTo(new[] { _losAngeles, _longBeach, _noCoc }));

        var longBeach = await _caseManager.MatchAsync(Searching("CA-606"), explain: true);
        Assert.That(longBeach.Matches().Select(m => m.ProgramId()), Is.EqualTo(new[] { _longBeach }));
        Assert.That(longBeach.ExcludedBy("coc_not_wanted"), Is.EqualTo(2), "the other CoC's program and the one in none");
        Assert.That(longBeach.ExclusionCodes(_losAngeles), Is.EqualTo(new[] { "coc_not_wanted" }));
        Assert.That(longBeach.ExclusionCodes(_noCoc), Is.EqualTo(new[] { "coc_not_wanted" }));
        longBeach.AssertCountsAddUp();
        var summary = longBeach["excludedByReason"]!.AsArray().Single(r => (string?)r!["code"] == "coc_not_wanted")!;
        Assert.That((string?)summary["summary"], Is.EqualTo("2 in another Continuum of Care"));

        var both = await _caseManager.MatchAsync(Searching("CA-600", "CA-606"));
        Assert.That(both.Matches().Select(m => m.ProgramId()), Is.EquivalentTo(new[] { _losAngeles, _longBeach }));
    }

    [Test]
    public async Task AContinuumOfCareNoProgramIsInIsRefusedWithTheOnesThatAre()
    {
        var problem = await (await _caseManager.PostJsonAsync("/v1/matches", Searching("CA-600", "CA-612")))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "wants.cocCodes[1]");
        var detail = (string)problem["errors"]!["wants.cocCodes[1]"]![0]!;
        Assert.That(detail, Does.Contain("CA-612").And.Contain("CA-600, CA-606"));
        Assert.That(problem["errors"]!.AsObject().ContainsKey("wants.cocCodes[0]"), Is.False);
    }

    [TestCase("ca-600")]
    [TestCase("CA600")]
    [TestCase("")]
    public async Task ACodeNotWrittenAsHudWritesItIsRefused(string code) =>
        await (await _caseManager.PostJsonAsync("/v1/matches", Searching(code))).ExpectProblemAsync(HttpStatusCode.BadRequest, "wants.cocCodes[0]");

    [Test]
    public async Task AWatchKeepsItsContinuumsOfCareAndIsRefusedOneNoProgramIsIn()
    {
        var watch = new JsonObject
        {
            ["clientReference"] = "CM-COC-1",
            ["household"] = Household(Adult(30, "woman")),
            ["wants"] = new JsonObject { ["cocCodes"] = Array("CA-606") },
        };
        var created = await (await _caseManager.PostJsonAsync("/v1/watches", watch)).ExpectAsync(HttpStatusCode.Created);
        Assert.That(created["wants"]!["cocCodes"]!.AsArray().Select(c => (string?)c), Is.EqualTo(new[] { "CA-606" }));

        watch["clientReference"] = "CM-COC-2";
        watch["wants"] = new JsonObject { ["cocCodes"] = Array("CA-612") };
        await (await _caseManager.PostJsonAsync("/v1/watches", watch)).ExpectProblemAsync(HttpStatusCode.BadRequest, "wants.cocCodes[0]");
    }
}
