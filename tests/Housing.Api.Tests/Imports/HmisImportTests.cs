using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Imports;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Housing.Api.Tests.Imports;

/// <summary>
/// POST /v1/imports/hmis and the import-hmis command: a dry run that writes nothing, an import
/// that writes everything or nothing, and next month's export updating the same programs.
/// </summary>
public class HmisImportTests(DatabaseEngine engine) : HousingTest(engine)
{
    private readonly CapturedLogs _logs = new();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
    };

    protected override Action<IServiceCollection>? Services => services =>
    {
        services.AddSingleton<ILoggerProvider>(_logs);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace));
    };

    private static MultipartFormDataContent Upload(HmisSample sample)
    {
        var file = new StreamContent(sample.Zip());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return new MultipartFormDataContent { { file, "export", "export.zip" } };
    }

    private async Task<(JsonNode Body, string Text)> ImportAsync(HmisSample sample, string query = "", HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Admin.PostAsync("/v1/imports/hmis" + query, Upload(sample));
        var text = await response.Content.ReadAsStringAsync();
        return (await response.ExpectAsync(expected), text);
    }

    private static JsonNode Line(JsonNode result, string hmisId) => result["programs"]!.AsArray().Single(l => (string?)l!["hmisId"] == hmisId)!;

    private async Task<IReadOnlyList<JsonNode>> ProgramsAsync() => (await Admin.GetJsonAsync("/v1/programs?limit=200")).Items();

    [Test]
    public async Task ADryRunSaysWhatWouldHappenAndWritesNothing()
    {
        var (result, _) = await ImportAsync(new HmisSample(), "?dryRun=true");

        Assert.That((bool?)result["dryRun"], Is.True);
        Assert.That((int?)result["counts"]!["programsCreated"], Is.EqualTo(2));
        Assert.That((int?)result["counts"]!["programsSkipped"], Is.EqualTo(1));
        Assert.That((int?)result["counts"]!["organizationsCreated"], Is.EqualTo(2));
        Assert.That((string?)Line(result, "P3")["reason"], Is.EqualTo("not_served"), "street outreach is not a bed");
        Assert.That((string?)Line(result, "P1")["region"], Is.EqualTo("spa-4"), "ZIP 90017 is in SPA 4 (Regions:Zips)");
        Assert.That((string?)Line(result, "P1")["cocCode"], Is.EqualTo("CA-600"));
        Assert.That(Line(result, "P2")["flags"]!.AsArray().Select(f => (string?)f), Does.Contain("address_not_imported"));
        Assert.That(Line(result, "P1")["programId"], Is.Null, "nothing was made");
        Assert.That(await ProgramsAsync(), Is.Empty);
        Assert.That((await Admin.GetJsonAsync("/v1/organizations")).Items(), Is.Empty);
    }

    [Test]
    public async Task AnImportMakesTheProgramsAndMarksVictimServiceProgramsConfidentialWithNoAddressAnywhere()
    {
        var (result, text) = await ImportAsync(new HmisSample());

        Assert.That((int?)result["counts"]!["programsCreated"], Is.EqualTo(2));
        var shelter = await Admin.GetJsonAsync($"/v1/programs/{Line(result, "P1").Id("programId")}");
        Assert.That((string?)shelter["kind"], Is.EqualTo("emergency"));
        Assert.That((string?)shelter["address"], Is.EqualTo("1200 W 7th St, Los Angeles, CA 90017"));
        Assert.That((bool?)shelter["hudFunded"], Is.True, "an ESG funder in force");
        Assert.That((int?)shelter["inventory"]![0]!["beds"], Is.EqualTo(20));
        Assert.That(shelter["inheritedRules"]!.AsArray(), Has.Count.EqualTo(18), "every rule from the organisation until the shelter sets its own");

        var confidential = await Admin.GetJsonAsync($"/v1/programs/{Line(result, "P2").Id("programId")}");
        Assert.That((bool?)confidential["confidential"], Is.True);
        Assert.That(confidential["address"], Is.Null);
        Assert.That((string?)confidential["kind"], Is.EqualTo("transitional"));
        Assert.That((string?)confidential["cocCode"], Is.EqualTo("CA-606"));
        Assert.That((string?)confidential["region"], Is.EqualTo("spa-5"), "Culver City's 90230 is in SPA 5");

        var listing = await Admin.GetStringAsync("/v1/programs?limit=200");
        var csv = await Admin.GetStringAsync($"/v1/availability");
        foreach (var seen in new[] { text, listing, csv, string.Join("\n", _logs.Lines), confidential.ToJsonString() })
            Assert.That(seen, Does.Not.Contain(HmisSample.HiddenAddress).And.Not.Contain("Hidden Lane"));
    }

    [Test]
    public async Task NextMonthsExportUpdatesTheSameProgramsAndKeepsWhatPeopleSetHere()
    {
        var sample = new HmisSample();
        var first = (await ImportAsync(sample)).Body;
        var id = Line(first, "P1").Id("programId");

        // The shelter sets its own eligibility and intake contact.
        var response = await Admin.GetAsync($"/v1/programs/{id}");
        var program = await response.ExpectAsync(HttpStatusCode.OK);
        var edit = Edit(program.AsObject());
        edit["inheritedRules"] = new JsonArray();
        edit["eligibility"] = new JsonObject { ["gendersServed"] = new JsonArray("woman"), ["petsAllowed"] = true };
        edit["intakeContact"] = new JsonObject { ["phone"] = "+1 213 555 0199" };
        await (await Admin.PutJsonAsync($"/v1/programs/{id}", edit, response.ETag())).ExpectAsync(HttpStatusCode.OK);

        var again = (await ImportAsync(sample)).Body;
        Assert.That((int?)again["counts"]!["programsUnchanged"], Is.EqualTo(2), "the same export changes nothing");
        Assert.That((int?)again["counts"]!["organizationsCreated"], Is.EqualTo(0));

        sample.Rows("Project.csv")[0]["ProjectName"] = "Harbor House Night Shelter";
        sample.Rows("Inventory.csv")[0]["BedInventory"] = "24";
        var next = (await ImportAsync(sample)).Body;
        Assert.That((string?)Line(next, "P1")["action"], Is.EqualTo("update"));
        Assert.That(Line(next, "P1").Id("programId"), Is.EqualTo(id));

        var programs = await ProgramsAsync();
        Assert.That(programs, Has.Count.EqualTo(2), "nothing duplicated");
        var updated = await Admin.GetJsonAsync($"/v1/programs/{id}");
        Assert.That((string?)updated["name"], Is.EqualTo("Harbor House Night Shelter"));
        Assert.That((int?)updated["inventory"]![0]!["beds"], Is.EqualTo(24));
        Assert.That(updated["eligibility"]!["gendersServed"]!.AsArray().Select(g => (string?)g), Is.EqualTo(new[] { "woman" }), "local eligibility kept");
        Assert.That((bool?)updated["eligibility"]!["petsAllowed"], Is.True);
        Assert.That((string?)updated["intakeContact"]!["phone"], Is.EqualTo("+1 213 555 0199"));
        Assert.That(updated["inheritedRules"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task ALargeExportImportsWholeAndAgainChangesNothing()
    {
        var sample = HmisSample.Scaled(150);

        var first = (await ImportAsync(sample)).Body;
        var again = (await ImportAsync(sample)).Body;

        Assert.That((int?)first["counts"]!["programsCreated"], Is.EqualTo(300));
        Assert.That((int?)first["counts"]!["organizationsCreated"], Is.EqualTo(300));
        Assert.That((int?)first["counts"]!["confidential"], Is.EqualTo(150));
        Assert.That((int?)again["counts"]!["programsUnchanged"], Is.EqualTo(300));
        Assert.That((int?)again["counts"]!["programsCreated"], Is.EqualTo(0));
        var page = await Admin.GetJsonAsync("/v1/programs?limit=200&cocCode=CA-606");
        Assert.That(page.Items(), Has.Count.EqualTo(150), "the confidential copies, CoC CA-606");
    }

    [Test]
    public async Task AProgramMadeConfidentialHereStaysConfidentialWhateverHmisSays()
    {
        var sample = new HmisSample();
        var id = Line((await ImportAsync(sample)).Body, "P1").Id("programId");
        var response = await Admin.GetAsync($"/v1/programs/{id}");
        var edit = Edit((await response.ExpectAsync(HttpStatusCode.OK)).AsObject());
        edit["confidential"] = true;
        edit["address"] = "1 Somewhere Else";
        edit["intakeContact"] = new JsonObject { ["phone"] = "+1 213 555 0199" };
        await (await Admin.PutJsonAsync($"/v1/programs/{id}", edit, response.ETag())).ExpectAsync(HttpStatusCode.OK);

        sample.Rows("Inventory.csv")[0]["BedInventory"] = "30";
        var line = Line((await ImportAsync(sample)).Body, "P1");

        Assert.That(line["flags"]!.AsArray().Select(f => (string?)f), Does.Contain("stays_confidential"));
        var program = await Admin.GetJsonAsync($"/v1/programs/{id}");
        Assert.That((bool?)program["confidential"], Is.True);
        Assert.That((string?)program["address"], Is.EqualTo("1 Somewhere Else"), "the address a person gave, not HMIS's");
        Assert.That((int?)program["inventory"]![0]!["beds"], Is.EqualTo(30));
    }

    [Test]
    public async Task AMcKinneyVentoFundedFamilyProgramWithAChildAgeLimitGetsTheHudWarning()
    {
        var sample = new HmisSample();
        sample.Rows("Funder.csv").Add(HmisSample.Row(("FunderID", "F2"), ("ProjectID", "P2"), ("Funder", "2"), ("GrantID", "CoC-TH"), ("StartDate", "2024-01-01")));
        var result = (await ImportAsync(sample)).Body;
        var id = Line(result, "P2").Id("programId");
        var organization = (await Admin.GetJsonAsync($"/v1/programs/{id}"))["organizationId"]!.GetValue<string>();

        await (await Admin.PutJsonAsync($"/v1/organizations/{organization}/eligibility", new JsonObject { ["maxChildAge"] = 12 })).ExpectAsync(HttpStatusCode.OK);

        var program = await Admin.GetJsonAsync($"/v1/programs/{id}");
        Assert.That((bool?)program["hudFunded"], Is.True);
        Assert.That(program["warnings"]!.AsArray().Select(w => (string?)w!["code"]), Does.Contain("hud_child_age_limit"));
    }

    [Test]
    public async Task ABadExportNamesTheFileLineAndColumnAndWritesNothing()
    {
        var sample = new HmisSample();
        sample.Rows("Inventory.csv")[1]["HouseholdType"] = "2";
        sample.Rows("Project.csv")[1]["OrganizationID"] = "O9";

        var (problem, text) = await ImportAsync(sample, expected: HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        Assert.That((string?)errors["Inventory.csv"]![0], Does.StartWith("line 3, column HouseholdType: Not one of HUD's codes"));
        Assert.That((string?)errors["Project.csv"]![0], Does.StartWith("line 3, column OrganizationID: No row of Organization.csv"));
        Assert.That(text, Does.Not.Contain(HmisSample.HiddenAddress));
        Assert.That(await ProgramsAsync(), Is.Empty);
        Assert.That((await Admin.GetJsonAsync("/v1/organizations")).Items(), Is.Empty);
    }

    [Test]
    public async Task WhatIsNotAnExportIsRefusedClearly()
    {
        var notZip = new MultipartFormDataContent { { new ByteArrayContent("not a zip"u8.ToArray()), "export", "export.zip" } };
        var problem = await (await Admin.PostAsync("/v1/imports/hmis", notZip)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.That((string?)problem["errors"]!["export.zip"]![0], Is.EqualTo("This file is not a zip that can be read."));

        await (await Admin.PostJsonAsync("/v1/imports/hmis", new JsonObject())).ExpectAsync(HttpStatusCode.UnsupportedMediaType);
        var empty = new MultipartFormDataContent { { new StringContent("yes"), "note" } };
        var none = await (await Admin.PostAsync("/v1/imports/hmis", empty)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.That(none["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "files" }));

        var noBoundary = new ByteArrayContent("--x\r\nnonsense"u8.ToArray());
        noBoundary.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        var broken = await (await Admin.PostAsync("/v1/imports/hmis", noBoundary)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.That(broken["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "files" }));
        var garbage = new ByteArrayContent("not multipart at all"u8.ToArray());
        garbage.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=zz");
        await (await Admin.PostAsync("/v1/imports/hmis", garbage)).ExpectAsync(HttpStatusCode.BadRequest);

        var tiny = new MultipartFormDataContent { { new ByteArrayContent("PK"u8.ToArray()), "export", "export.zip" } };
        await (await Admin.PostAsync("/v1/imports/hmis", tiny)).ExpectAsync(HttpStatusCode.BadRequest);

        var badSource = await (await Admin.PostAsync("/v1/imports/hmis?source=CA 600", Upload(new HmisSample()))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.That(badSource["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "source" }));
    }

    [Test]
    public async Task TheCsvFilesCanComeWithoutAZip()
    {
        var sample = new HmisSample();
        using var folder = new TempDirectory();
        sample.WriteTo(folder.Path);
        var form = new MultipartFormDataContent();
        foreach (var file in Directory.GetFiles(folder.Path)) form.Add(new ByteArrayContent(File.ReadAllBytes(file)), "files", Path.GetFileName(file));

        var result = await (await Admin.PostAsync("/v1/imports/hmis", form)).ExpectAsync(HttpStatusCode.OK);

        Assert.That((int?)result["counts"]!["programsCreated"], Is.EqualTo(2));
    }

    [Test]
    public async Task EachHmisIsItsOwnSourceSoTheSameIdsDoNotCollide()
    {
        await ImportAsync(new HmisSample(), "?source=ca-600");
        var other = (await ImportAsync(new HmisSample(), "?source=ca-606")).Body;
        Assert.That((int?)other["counts"]!["programsCreated"], Is.EqualTo(2), "another HMIS's P1 is another program");
        Assert.That(await ProgramsAsync(), Has.Count.EqualTo(4));
    }

    [TestCase("shelter")]
    [TestCase("case_manager")]
    [TestCase("reporter")]
    public async Task OnlyAnAdminImports(string role)
    {
        var organization = role == "reporter" ? (Guid?)null : await Admin.CreateOrganizationAsync("Somewhere", role == "case_manager" ? "agency" : "provider");
        var client = await App.ClientForRoleAsync(role, organization);
        await (await client.PostAsync("/v1/imports/hmis", Upload(new HmisSample()))).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task TheCommandShowsThePlanAsksAndImportsOnlyOnYes()
    {
        using var folder = new TempDirectory();
        new HmisSample().WriteTo(folder.Path);

        var dry = await RunAsync([folder.Path, "--dry-run"], input: null, expected: 0);
        Assert.That(dry, Does.Contain("Programs: 2 to create, 0 to update, 0 unchanged, 1 skipped; 1 confidential.")
            .And.Contain("2 of 2 programs planned").And.Contain("Dry run: nothing was written."));

        var unattended = await RunAsync([folder.Path], input: null, expected: 0);
        Assert.That(unattended, Does.Contain("Run again with --yes"));
        var declined = await RunAsync([folder.Path], new StringReader("no\n"), expected: 0);
        Assert.That(declined, Does.Contain("Type yes to import").And.Contain("Nothing was imported."));
        Assert.That(await ProgramsAsync(), Is.Empty, "a plan, unattended or declined, writes nothing");

        var confirmed = await RunAsync([folder.Path], new StringReader("yes\n"), expected: 0);
        Assert.That(confirmed, Does.Contain("2 of 2 programs imported").And.Contain("Programs: 2 created").And.Contain("Imported in"));
        Assert.That(await ProgramsAsync(), Has.Count.EqualTo(2));
        Assert.That(dry + confirmed, Does.Not.Contain(HmisSample.HiddenAddress));

        var again = await RunAsync([folder.Path, "--yes"], input: null, expected: 0);
        Assert.That(again, Does.Contain("0 created, 0 updated, 2 unchanged"), "--yes imports without asking, and the same export changes nothing");
    }

    [Test]
    public async Task TheCommandRefusesABadExportWithItsProblemsAndABadCommandLineWithItsUsage()
    {
        var sample = new HmisSample();
        sample.Rows("Funder.csv")[0]["Funder"] = "12";
        using var folder = new TempDirectory();
        sample.WriteTo(folder.Path);

        var bad = await RunAsync([folder.Path, "--yes"], input: null, expected: 1);
        Assert.That(bad, Does.Contain("nothing was written: 1 problems").And.Contain("Funder.csv, line 2, column Funder"));
        Assert.That(await ProgramsAsync(), Is.Empty);

        Assert.That(await RunAsync([folder.Path, "--source"], null, 2), Does.StartWith("Usage: import-hmis"));
        Assert.That(await RunAsync([folder.Path, "--dry-run", "--yes"], null, 2), Does.StartWith("Usage: import-hmis"));
        Assert.That(await RunAsync([folder.Path, "--force"], null, 2), Does.StartWith("Usage: import-hmis"));
        Assert.That(await RunAsync(["/no/such/place"], null, 2), Does.Contain("give a full path"));
    }

    private async Task<string> RunAsync(string[] args, TextReader? input, int expected)
    {
        var output = new StringWriter();
        var status = await ImportCommand.RunAsync(App.Services, args, output, input, CancellationToken.None);
        Assert.That(status, Is.EqualTo(expected), output.ToString());
        return output.ToString();
    }

    /// <summary>A program as read, turned into the body of its update.</summary>
    private static JsonObject Edit(JsonObject program)
    {
        var body = program.DeepClone().AsObject();
        foreach (var readOnly in new[] { "id", "warnings", "version", "createdAt", "updatedAt", "eligibilitySources" }) body.Remove(readOnly);
        return body;
    }
}
