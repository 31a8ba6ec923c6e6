using System.Net;
using Housing.Api.Data;
using Housing.Api.Programs;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Web.Pages.Admin;

namespace Housing.Api.Tests.Web;

/// <summary>An admin reads the audit log in the console, in words, filtered and paged through the API's own operation.</summary>
public sealed class ConsoleAdminAuditTests(DatabaseEngine engine) : HousingTest(engine)
{
    private const string Audit = "/admin/audit";

    [Test]
    public async Task AProgramUpdateReadsInWordsWithTheFieldsItChangedAndNoValue()
    {
        var shelter = await App.NewShelterAsync("Safe Haven");
        var body = Bodies.ConfidentialEmergency(shelter.OrganizationId);
        var id = await shelter.Client.CreateProgramIdAsync(body);
        body["address"] = "9 Secret Court, Carson, CA 90745";
        body["intakeContact"]!["hours"] = "9:00 to 17:00";
        body["eligibility"]!["maxChildAge"] = 12;
        await (await shelter.Client.PutJsonAsync($"/v1/programs/{id}", body)).ExpectAsync(HttpStatusCode.OK);
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);

        var page = await browser.GetPageAsync($"{Audit}?entityType=program&entityId={id}&action=program.updated");

        Assert.That(page, Does.Contain("<th scope=\"row\">Program updated</th>"));
        Assert.That(page, Does.Not.Contain("<th scope=\"row\">Program created"), "filtered by action");
        Assert.That(page, Does.Contain("<li>Address</li>").And.Contain("<li>Intake hours</li>").And.Contain("<li>Children&#x27;s age limit</li>"));
        Assert.That(page, Does.Contain("Shelter staff (key “test shelter”)"));
        Assert.That(page, Does.Not.Contain("Secret Court").And.Not.Contain("Hidden Lane").And.Not.Contain("9:00 to 17:00"));
    }

    [Test]
    public async Task TheLogFiltersByDaysInTheServicesTimeZone()
    {
        await Admin.CreateOrganizationAsync("Monday Agency", "agency");
        App.Clock.Advance(TimeSpan.FromDays(1));
        await Admin.CreateOrganizationAsync("Tuesday Agency", "agency");
        App.Clock.Advance(TimeSpan.FromDays(1));
        await Admin.CreateOrganizationAsync("Wednesday Agency", "agency");
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);

        // The clock starts at 13:30 in Los Angeles on 2026-03-02.
        var tuesday = await browser.GetPageAsync($"{Audit}?entityType=organization&from=2026-03-03&to=2026-03-03");
        var fromTuesday = await browser.GetPageAsync($"{Audit}?entityType=organization&from=2026-03-03");

        Assert.That(Rows(tuesday), Is.EqualTo(1));
        Assert.That(tuesday, Does.Contain("2026-03-03 13:30 (Los Angeles)"));
        Assert.That(Rows(fromTuesday), Is.EqualTo(2));
    }

    [Test]
    public async Task ABadRangeIsRefusedBesideItsFieldNeverA500()
    {
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);

        var malformed = await browser.GetPageAsync($"{Audit}?from=2026-13-40");
        var backwards = await browser.GetPageAsync($"{Audit}?from=2026-03-05&to=2026-03-04");
        var control = await browser.GetPageAsync($"{Audit}?entityId=%00x");

        Assert.That(malformed, Does.Contain("id=\"error-from\"").And.Contain("A day, such as 2026-11-25.").And.Contain("From (day): A day"));
        Assert.That(backwards, Does.Contain("id=\"error-to\"").And.Contain("Must be the same day as From, or later.").And.Not.Contain("since"));
        Assert.That(control, Does.Contain("id=\"error-entityId\"").And.Contain("Record id: Must not contain control characters."));
    }

    [Test]
    public async Task TheLogPagesOldestFirstKeepingItsFilters()
    {
        for (var i = 0; i < 51; i++) await Admin.CreateOrganizationAsync($"Agency {i}", "agency");
        await Admin.IssueKeyAsync("reporter");
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);

        var first = await browser.GetPageAsync($"{Audit}?action=organization.created");
        var next = System.Text.RegularExpressions.Regex.Match(first, "href=\"(/admin/audit\\?action=organization.created&amp;after=\\d+)\">Next page").Groups[1].Value;
        var second = await browser.GetPageAsync(System.Net.WebUtility.HtmlDecode(next));

        Assert.That(Rows(first), Is.EqualTo(50));
        Assert.That(Rows(second), Is.EqualTo(1));
        Assert.That(second, Does.Contain("First page").And.Not.Contain("Next page").And.Not.Contain("<th scope=\"row\">API key issued"));
    }

    [Test]
    public void EveryActionEntityAndProgramFieldHasWordsInBothLanguages()
    {
        foreach (var culture in new[] { "en", "es" })
        {
            using var _ = new CultureScope(culture);
            Assert.That(AdminWords.Actions.Where(a => AdminWords.Words("Audit_Action_", a) is null), Is.Empty, culture);
            Assert.That(AdminWords.EntityTypes.Where(t => AdminWords.Words("Audit_Entity_", t) is null), Is.Empty, culture);
            Assert.That(EveryProgramField().Where(f => AdminWords.Words("Audit_Field_", f) is null), Is.Empty, culture);
        }
    }

    [Test]
    public async Task OnlyAnAdminOpensTheAdminTools()
    {
        var agency = await Admin.CreateOrganizationAsync("Pacific Coalition", "agency");
        var shelter = await App.NewShelterAsync();
        var others = new[]
        {
            await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("reporter")),
            await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency)),
            await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", shelter.OrganizationId)),
        };
        foreach (var browser in others)
            foreach (var path in new[] { Audit, "/admin/keys", "/admin/webhooks" })
            {
                var response = await browser.Client.GetAsync(path);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), path);
            }
        var reporterPost = await others[0].PostFormAsync("/admin/keys?handler=Issue", await others[0].GetPageAsync("/reports"),
            new() { ["Issue.Role"] = "admin", ["Issue.Label"] = "escalated" });
        Assert.That(reporterPost.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await Admin.GetJsonAsync("/v1/api-keys")).AsArray().Select(k => (string?)k!["role"]), Has.None.EqualTo("admin"));
        var admin = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        foreach (var path in new[] { Audit, "/admin/keys", "/admin/webhooks" }) await admin.GetPageAsync(path);
    }

    private static int Rows(string page) => System.Text.RegularExpressions.Regex.Matches(page, "<th scope=\"row\">").Count;

    /// <summary>Every field name an update can change: the paths of a definition with every field given.</summary>
    private static IEnumerable<string> EveryProgramField()
    {
        var full = new ProgramDefinition(Guid.CreateVersion7(), "n", ProgramKind.Emergency, 0, 90, "spa-4", new GeoPoint(34, -118), true, "a",
            new IntakeContact("p", "e", "h"), true, [ProgramService.Counseling],
            [new InventoryItem(HouseholdType.AdultsOnly, 0, 1, 0, null, null, new DateOnly(2026, 1, 1), null)],
            new EligibilityProfile { MinAdultAge = 18, MaxAdultAge = 99, MaxChildAge = 17, MaxBoyAge = 12, MaxHouseholdSize = 5, Curfew = "22:00" });
        var empty = full with
        {
            Address = null,
            IntakeContact = new IntakeContact(),
            Location = new GeoPoint(0, 0),
            Eligibility = new EligibilityProfile
            {
                Pregnancy = PregnancyPolicy.Required,
                CriminalRecord = CriminalRecordPolicy.Restrictive,
                PetsAllowed = true,
                WheelchairAccessible = true,
                SobrietyRequired = true,
                IdRequired = true,
                ImmigrationDocumentsRequired = true,
                ReferralOnly = true,
                GendersServed = [Gender.Woman],
                TraffickingTypesServed = [TraffickingType.Sex],
                HomelessCategories = [1],
                Languages = ["en"]
            },
        };
        var names = ProgramChanges.Between(full, empty with
        {
            Name = "m",
            Kind = ProgramKind.Transitional,
            HudProjectType = 2,
            MaxStayDays = 9,
            Region = "spa-1",
            Confidential = false,
            HudFunded = false,
            Services = [],
            Inventory = [],
            OrganizationId = Guid.CreateVersion7()
        });
        Assert.That(names, Has.Count.GreaterThanOrEqualTo(34), "the definition with every field given differs from the other in every field");
        return names;
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly System.Globalization.CultureInfo _before = System.Globalization.CultureInfo.CurrentUICulture;

        public CultureScope(string name) => System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(name);

        public void Dispose() => System.Globalization.CultureInfo.CurrentUICulture = _before;
    }
}
