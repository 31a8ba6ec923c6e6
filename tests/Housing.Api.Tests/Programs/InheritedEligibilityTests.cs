using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Programs;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Matching;

namespace Housing.Api.Tests.Programs;

/// <summary>An organisation's default eligibility, inherited rule by rule, overridden by the program.</summary>
public class InheritedEligibilityTests(DatabaseEngine engine) : HousingTest(engine)
{
    private static JsonObject Defaults(int maxChildAge = 12) => new()
    {
        ["gendersServed"] = new JsonArray("woman"),
        ["maxChildAge"] = maxChildAge,
        ["petsAllowed"] = true,
        ["languages"] = new JsonArray("EN", "ko"),
    };

    private async Task<string?> SetDefaultsAsync(HttpClient client, Guid organizationId, JsonObject body, string? ifMatch = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PutJsonAsync($"/v1/organizations/{organizationId}/eligibility", body, ifMatch);
        await response.ExpectAsync(expected);
        return response.ETag();
    }

    [Test]
    public async Task AProgramTakesTheRulesItInheritsAndKeepsItsOwn()
    {
        var shelter = await App.NewShelterAsync();
        await SetDefaultsAsync(shelter.Client, shelter.OrganizationId, Defaults());

        var body = Bodies.Emergency(shelter.OrganizationId);
        body["eligibility"] = new JsonObject { ["gendersServed"] = new JsonArray("man"), ["maxChildAge"] = 5 };
        body["inheritedRules"] = new JsonArray("maxChildAge", "petsAllowed", "languages");
        var program = await shelter.Client.CreateProgramAsync(body);

        var eligibility = program["eligibility"]!;
        Assert.That(eligibility["gendersServed"]!.AsArray().Select(g => (string?)g), Is.EqualTo(new[] { "man" }), "its own rule");
        Assert.That((int?)eligibility["maxChildAge"], Is.EqualTo(12), "inherited, not the 5 it sent");
        Assert.That((bool?)eligibility["petsAllowed"], Is.True);
        Assert.That(eligibility["languages"]!.AsArray().Select(g => (string?)g), Is.EqualTo(new[] { "en", "ko" }), "codes compared in lower case");
        Assert.That((string?)program["eligibilitySources"]!["maxChildAge"], Is.EqualTo("organization"));
        Assert.That((string?)program["eligibilitySources"]!["gendersServed"], Is.EqualTo("program"));
        Assert.That(program["eligibilitySources"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(EligibilityInheritance.Rules), "every rule is named");
    }

    [Test]
    public async Task ChangingTheDefaultsChangesEveryProgramThatInheritsAndNoOther()
    {
        var shelter = await App.NewShelterAsync();
        var etag = await SetDefaultsAsync(shelter.Client, shelter.OrganizationId, Defaults());
        var inheriting = Bodies.Emergency(shelter.OrganizationId, "Inherits");
        inheriting["inheritedRules"] = new JsonArray("maxChildAge");
        var inherits = await shelter.Client.CreateProgramIdAsync(inheriting);
        var own = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, "Own rules"));

        await SetDefaultsAsync(shelter.Client, shelter.OrganizationId, Defaults(maxChildAge: 15), etag);

        var changed = await shelter.Client.GetJsonAsync($"/v1/programs/{inherits}");
        Assert.That((int?)changed["eligibility"]!["maxChildAge"], Is.EqualTo(15));
        Assert.That((int?)changed["version"], Is.EqualTo(2), "a new version, so an edit holding the old ETag is refused");
        var unchanged = await shelter.Client.GetJsonAsync($"/v1/programs/{own}");
        Assert.That(unchanged["eligibility"]!["maxChildAge"], Is.Null);
        Assert.That((int?)unchanged["version"], Is.EqualTo(1));

        var audit = await App.Admin.GetJsonAsync($"/v1/audit?entityId={inherits}&action=program.updated");
        Assert.That(audit["items"]!.AsArray(), Has.Count.EqualTo(1), "the change to the program is audited");
    }

    [Test]
    public async Task ASearchSeesTheInheritedRuleAtOnce()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["inheritedRules"] = new JsonArray("gendersServed");
        var id = await shelter.Client.CreateProgramIdAsync(body);
        await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(5, 5))).ExpectAsync(HttpStatusCode.OK);
        var caseManager = await App.ClientForRoleAsync("case_manager", await App.Admin.CreateOrganizationAsync("Agency", "agency"));
        async Task<int> MatchesAsync() => (await caseManager.MatchAsync(MatchKit.Search(MatchKit.Household(MatchKit.Adult(30, "man"))))).Matches().Count;
        Assert.That(await MatchesAsync(), Is.EqualTo(1), "no default yet: serves everyone");

        await SetDefaultsAsync(shelter.Client, shelter.OrganizationId, Defaults());

        Assert.That(await MatchesAsync(), Is.EqualTo(0), "the organisation now serves women only, and the program inherits it");
    }

    [Test]
    public async Task DefaultsAreCheckedLikeAProgramsRules()
    {
        var shelter = await App.NewShelterAsync();
        var problem = await (await shelter.Client.PutJsonAsync($"/v1/organizations/{shelter.OrganizationId}/eligibility",
            new JsonObject { ["minAdultAge"] = 40, ["maxAdultAge"] = 30, ["languages"] = new JsonArray("english") }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "maxAdultAge", "languages" }));

        var stale = await shelter.Client.PutJsonAsync($"/v1/organizations/{shelter.OrganizationId}/eligibility", Defaults(), "\"7\"");
        await stale.ExpectAsync(HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task AnUnknownRuleNameIsRefusedByName()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["inheritedRules"] = new JsonArray("maxChildAge", "bedtime");
        var problem = await (await shelter.Client.PostJsonAsync("/v1/programs", body)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.That((string?)problem["errors"]!["inheritedRules[1]"]![0], Does.StartWith("Not an eligibility rule."));
    }

    [Test]
    public async Task AnotherOrganisationsDefaultsAreNotFound()
    {
        var shelter = await App.NewShelterAsync();
        var other = await App.NewShelterAsync("Other House");
        await (await shelter.Client.GetAsync($"/v1/organizations/{other.OrganizationId}/eligibility")).ExpectAsync(HttpStatusCode.NotFound);
        await (await shelter.Client.PutJsonAsync($"/v1/organizations/{other.OrganizationId}/eligibility", Defaults())).ExpectAsync(HttpStatusCode.NotFound);
        var caseManager = await App.ClientForRoleAsync("case_manager", await App.Admin.CreateOrganizationAsync("Agency", "agency"));
        await (await caseManager.GetAsync($"/v1/organizations/{shelter.OrganizationId}/eligibility")).ExpectAsync(HttpStatusCode.Forbidden);
        var read = await App.Admin.GetJsonAsync($"/v1/organizations/{shelter.OrganizationId}/eligibility");
        Assert.That((int?)read["version"], Is.EqualTo(1));
    }

    [Test]
    public void EveryRuleOfTheProfileCanBeInherited()
    {
        var properties = typeof(EligibilityProfile).GetProperties()
            .Where(p => p.DeclaringType == typeof(EligibilityProfile) && p.Name != "EqualityContract")
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);
        Assert.That(EligibilityInheritance.Rules, Is.EquivalentTo(properties));
    }

    [Test]
    public void InheritingEveryRuleGivesTheDefaults()
    {
        var defaults = new EligibilityProfile
        {
            GendersServed = [Gender.Woman],
            MinAdultAge = 21,
            MaxAdultAge = 60,
            MaxChildAge = 10,
            MaxBoyAge = 9,
            MaxHouseholdSize = 5,
            Pregnancy = PregnancyPolicy.Required,
            TraffickingTypesServed = [TraffickingType.Labor],
            HomelessCategories = [1, 4],
            PetsAllowed = true,
            WheelchairAccessible = true,
            Languages = ["es"],
            SobrietyRequired = true,
            IdRequired = true,
            ImmigrationDocumentsRequired = true,
            CriminalRecord = CriminalRecordPolicy.Restrictive,
            ReferralOnly = true,
            Curfew = "21:00",
        };
        var effective = EligibilityInheritance.Apply(new EligibilityProfile(), defaults, EligibilityInheritance.Rules);
        Assert.That(Housing.Api.Http.HousingJson.Serialize(effective), Is.EqualTo(Housing.Api.Http.HousingJson.Serialize(defaults)));
    }
}
