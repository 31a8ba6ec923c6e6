using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CsvHelper;
using Housing.Api.Data;
using Housing.Api.Reports;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Reports;

/// <summary>The same report as CSV, HTML and the field's exports; errors as problem+json; roles.</summary>
public sealed class ReportFormatTests(DatabaseEngine engine) : ReportTest(engine)
{
    private readonly TempDirectory _folder = new();

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings!) { ["Reports:OutputFolder"] = _folder.Path };

    [TearDown]
    public void RemoveFolder() => _folder.Dispose();

    private async Task<(Guid Emergency, Guid Transitional)> SeedAsync()
    {
        var emergency = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6, name: "Harbor \"House\", <Emergency>");
        var bridge = await App.NewShelterAsync("Bridge Home Inc");
        var transitional = await bridge.Client.CreateProgramIdAsync(Bodies.Transitional(bridge.OrganizationId));
        await NewProgramAsync(name: "Safe Haven", body: o => Bodies.ConfidentialEmergency(o, "Safe Haven"));
        AdvanceTo(DayDue);
        await RunReportAsync(Admin, Day);
        return (emergency.Id, transitional);
    }

    [Test]
    public async Task TheCsvParsesWithACsvReaderAndHasTheDocumentedHeader()
    {
        var (emergency, _) = await SeedAsync();
        var response = await GetAsync(await App.ClientForRoleAsync("reporter"), $"/v1/reports/capacity/{Day}", "text/csv");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));

        using var csv = CsvReader.FromText(await response.Content.ReadAsStringAsync());
        Assert.That(csv.Headers, Is.EqualTo(ReportCsv.Header));
        var programRows = new List<(string Id, string Label, string Inventory, string Open, string UtilisationPercent)>();
        var sections = new HashSet<string>();
        while (csv.Read())
        {
            sections.Add(csv.GetString("section"));
            if (csv.GetString("section") == "program")
                programRows.Add((csv.GetString("program_id"), csv.GetString("label"), csv.GetString("inventory"), csv.GetString("open"), csv.GetString("utilisation_percent")));
        }
        Assert.That(sections, Is.SupersetOf(new[] { "totals", "program", "rollup", "unmet_total" }));
        Assert.That(programRows, Does.Contain((emergency.ToString(), "Harbor \"House\", <Emergency>", "32", "11", "65.63")));
    }

    [Test]
    public async Task TheCsvWritesTimesASpreadsheetParsesInTheReportsZoneAndSharesInPercent()
    {
        var (emergency, _) = await SeedAsync();
        var json = await Admin.GetJsonAsync($"/v1/reports/capacity/{Day}");
        var posted = DateTimeOffset.Parse((string)json["programs"]!.AsArray().Single(p => p!.Id("programId") == emergency)!["lastPostedAt"]!, CultureInfo.InvariantCulture);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

        using var csv = CsvReader.FromText(await (await GetAsync(Admin, $"/v1/reports/capacity/{Day}", "text/csv")).Content.ReadAsStringAsync());
        var percents = new List<double>();
        string? lastPosted = null, emergencyKind = null;
        while (csv.Read())
        {
            Assert.That(csv.GetString("time_zone"), Is.EqualTo("America/Los_Angeles"), "every row names the zone of its times");
            foreach (var column in new[] { "utilisation_percent", "response_rate_percent", "ask_answer_rate_percent" })
            {
                if (csv.GetString(column) is { Length: > 0 } text) percents.Add(double.Parse(text, CultureInfo.InvariantCulture));
            }
            if (csv.GetString("dimension") == "kind" && csv.GetString("group") == "emergency") emergencyKind = csv.GetString("utilisation_percent");
            if (csv.GetString("program_id") == emergency.ToString()) lastPosted = csv.GetString("last_posted_local");
        }

        // The app started at 13:30 in Los Angeles (21:30 UTC), when the program posted its counts.
        Assert.That(lastPosted, Is.EqualTo("2026-03-02 13:30:00"));
        Assert.That(DateTime.ParseExact(lastPosted!, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            Is.EqualTo(TimeZoneInfo.ConvertTime(posted, zone).DateTime).Within(TimeSpan.FromSeconds(1)));
        // The JSON keeps shares from 0 to 1; the CSV writes them in percent.
        var kind = json["rollups"]!.AsArray().Single(g => (string?)g!["dimension"] == "kind" && (string?)g["group"] == "emergency")!;
        Assert.That(emergencyKind, Is.EqualTo(((double)kind["figures"]!["utilisation"]! * 100).ToString("0.##", CultureInfo.InvariantCulture)));
        Assert.That(percents, Is.Not.Empty.And.All.InRange(0, 100).And.Some.GreaterThan(1));
    }

    [Test]
    public async Task TheHtmlPageDrawsChartsInlineWithoutScriptsAndEncodesNames()
    {
        await SeedAsync();
        var response = await GetAsync(Admin, $"/v1/reports/capacity/{Day}", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain("<svg").And.Contain("<title id=").And.Contain("<desc id=").And.Contain("<table"));
        Assert.That(html, Does.Contain("Harbor &quot;House&quot;, &lt;Emergency&gt;").And.Not.Contain("<Emergency>"));
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("@font-face").And.Not.Contain("src=\"http").And.Not.Contain("href=\"http"));
    }

    [Test]
    public async Task TheHtmlPageShowsLocalTimesPercentagesAndWordsNotCodes()
    {
        await SeedAsync();
        var html = await (await GetAsync(Admin, $"/v1/reports/capacity/{Day}", "text/html")).Content.ReadAsStringAsync();

        // Built when it was due: 10:00 UTC on the 3rd, 02:00 in Los Angeles.
        Assert.That(html, Does.Contain("Built 2026-03-03 02:00 (Los Angeles)").And.Not.Contain("(UTC)").And.Not.Contain(":00Z"));
        Assert.That(html, Does.Contain("<th scope=\"row\">Families with children</th>").And.Contain("<th scope=\"row\">Transitional housing</th>"));
        Assert.That(html, Does.Contain("<th scope=\"row\">Metro Los Angeles (SPA 4)</th>"), "a region by the name the deployment gave it");
        Assert.That(html, Does.Contain("65.6%"));
        foreach (var code in new[] { "adults_only", "adults_with_children", "children_only", "rapid_rehousing", ">emergency<", ">transitional<", ">spa-4<" })
            Assert.That(html, Does.Not.Contain(code));
        // Every table sits in a region the keyboard can reach and a screen reader names, so a wide one can scroll.
        Assert.That(Regex.Matches(html, "<table").Count, Is.EqualTo(Regex.Matches(html, "<div class=\"table-region[^\"]*\" role=\"region\" tabindex=\"0\" aria-label=\"[^\"]+\">\\s*<table").Count));
    }

    [Test]
    public async Task EachFinishedRunWritesItsCsvAndHtmlIntoTheFolder()
    {
        await SeedAsync();
        Assert.That(File.ReadAllText(_folder.PathOf($"capacity-{Day}.csv")), Does.StartWith(string.Join(",", ReportCsv.Header)));
        Assert.That(File.ReadAllText(_folder.PathOf($"capacity-{Day}.html")), Does.Contain("<svg"));
        Assert.That(Directory.GetFiles(_folder.Path, "*.tmp"), Is.Empty);
    }

    [Test]
    public async Task InventoryCsvHasHudsColumnsAndCodes()
    {
        var (emergency, transitional) = await SeedAsync();
        var response = await (await App.ClientForRoleAsync("reporter")).GetAsync($"/v1/reports/capacity/{Day}/hmis/Inventory.csv");
        using var csv = CsvReader.FromText(await response.Content.ReadAsStringAsync());
        Assert.That(csv.Headers, Is.EqualTo(new[]
        {
            "InventoryID", "ProjectID", "CoCCode", "HouseholdType", "Availability", "UnitInventory", "BedInventory",
            "CHVetBedInventory", "YouthVetBedInventory", "VetBedInventory", "CHYouthBedInventory", "YouthBedInventory",
            "CHBedInventory", "OtherBedInventory", "ESBedType", "InventoryStartDate", "InventoryEndDate",
            "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID",
        }));
        var rows = new List<string>();
        while (csv.Read())
        {
            rows.Add(string.Join("|", "ProjectID,CoCCode,HouseholdType,Availability,UnitInventory,BedInventory,VetBedInventory,OtherBedInventory,ESBedType,InventoryStartDate,InventoryEndDate,ExportID"
                .Split(',').Select(csv.GetString)));
            Assert.That(csv.GetString("InventoryID"), Has.Length.EqualTo(32));
            Assert.That(csv.GetString("DateCreated"), Does.Match(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$"));
        }
        Assert.That(rows, Is.EquivalentTo(new[]
        {
            $"{emergency:N}|CA-600|1|1|0|20|0|20|1|2025-01-01||housing-20260302",
            $"{emergency:N}|CA-600|3|1|4|12|0|12|1|2025-01-01||housing-20260302",
            $"{transitional:N}|CA-600|3||10|30|0|30||2025-01-01||housing-20260302",
        }), "the confidential program has no row");
    }

    [Test]
    public async Task HsdsServiceCapacityGivesOpenOutOfMaximumPerHouseholdType()
    {
        var (emergency, _) = await SeedAsync();
        var items = (await Admin.GetJsonAsync($"/v1/reports/capacity/{Day}/hsds/service_capacity")).AsArray();
        var mine = items.Where(i => (string?)i!["service_id"] == emergency.ToString()).ToList();
        Assert.That(mine.Select(i => ((int)i!["available"]!, (int)i["maximum"]!, (string?)i["unit"]!["identifier"])),
            Is.EquivalentTo(new[] { (5, 20, "1"), (6, 12, "3") }));
        Assert.That(items, Has.Count.EqualTo(2), "the transitional program never posted; the confidential one is left out");
        Assert.That((string?)mine[0]!["updated"], Is.Not.Null);
        Assert.That(Guid.TryParse((string?)mine[0]!["id"], out _), Is.True);
    }

    [Test]
    public async Task BadDatesUnknownDatesAndUnservableTypesAreProblems()
    {
        await SeedAsync();
        await (await Admin.GetAsync("/v1/reports/capacity/2026-13-01")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await Admin.GetAsync("/v1/reports/capacity/2026-02-01")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await GetAsync(Admin, $"/v1/reports/capacity/{Day}", "application/xml")).ExpectProblemAsync(HttpStatusCode.NotAcceptable);
        await (await Admin.GetAsync("/v1/reports/capacity/2027-01-01/hmis/Inventory.csv")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await Admin.PostJsonAsync("/v1/reports/capacity/runs", new System.Text.Json.Nodes.JsonObject { ["date"] = "2027-01-01" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "date");
    }

    [Test]
    public async Task OnlyAdminsAndReportersReadReportsAndOnlyAdminsRunThem()
    {
        await SeedAsync();
        var reporter = await App.ClientForRoleAsync("reporter");
        var agency = await NewAgencyAsync();
        var shelter = await App.NewShelterAsync("Another Shelter");
        var list = await reporter.GetJsonAsync("/v1/reports/capacity");
        Assert.That(list.Items().Select(i => (string?)i["date"]), Does.Contain(Day));
        foreach (var url in new[] { "/v1/reports/capacity", $"/v1/reports/capacity/{Day}", $"/v1/reports/capacity/{Day}/hmis/Inventory.csv", $"/v1/reports/capacity/{Day}/hsds/service_capacity" })
        {
            await (await agency.CaseManager.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await (await shelter.Client.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await (await App.Client(null).GetAsync(url)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }
        await (await reporter.PostJsonAsync("/v1/reports/capacity/runs", new System.Text.Json.Nodes.JsonObject())).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}
