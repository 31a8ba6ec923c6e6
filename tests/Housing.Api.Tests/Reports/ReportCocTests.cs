using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Reports;

/// <summary>Reports roll up by Continuum of Care, for a deployment that spans several.</summary>
public sealed class ReportCocTests(DatabaseEngine engine) : ReportTest(engine)
{
    [Test]
    public async Task EachContinuumOfCareHasItsRollupAndAProgramWithoutOneIsInNone()
    {
        var shelter = await App.NewShelterAsync();
        foreach (var (name, coc, open) in new[] { ("LA one", "CA-600", 3), ("LA two", "CA-600", 4), ("Long Beach", "CA-606", 5), ("No CoC", null, 6) })
        {
            var body = Bodies.Emergency(shelter.OrganizationId, name);
            if (coc is not null) body["cocCode"] = coc;
            var id = await shelter.Client.CreateProgramIdAsync(body);
            await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(open, 0))).ExpectAsync(HttpStatusCode.OK);
        }
        var listed = await shelter.Client.GetJsonAsync("/v1/availability?cocCode=CA-606");
        Assert.That(listed.Items().Select(i => (string?)i["programName"]), Is.EqualTo(new[] { "Long Beach" }), "the open-beds listing filters by CoC too");

        await RunReportAsync(Admin, Day);
        var report = await Admin.GetJsonAsync($"/v1/reports/capacity/{Day}");

        var cocs = report["rollups"]!.AsArray().Where(r => (string?)r!["dimension"] == "coc")
            .ToDictionary(r => (string)r!["group"]!, r => ((int?)r!["programs"], (int?)r["figures"]!["open"]));
        Assert.That(cocs, Is.EqualTo(new Dictionary<string, (int?, int?)> { ["CA-600"] = (2, 7), ["CA-606"] = (1, 5) }));
        var html = await (await GetAsync(Admin, $"/v1/reports/capacity/{Day}", "text/html")).Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("Utilisation by Continuum of Care").And.Contain("CA-606"));
    }
}
