using System.Text.Json;
using Housing.Api.Imports.Hmis;
using Housing.Api.Programs;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Imports;

/// <summary>
/// What an export would become, before anything is written: which projects become programs (of
/// which kind, confidential or not, McKinney-Vento funded or not, in which CoC, with which
/// inventory) and which are skipped, each with its reason.
/// </summary>
public sealed class HmisPlanTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    private static HmisPlan Plan(HmisSample sample)
    {
        using var folder = new TempDirectory();
        sample.WriteTo(folder.Path);
        using var source = HmisSource.Folder(folder.Path);
        var (export, problems) = HmisExport.Read(source);
        Assert.That(problems, Is.Empty);
        return HmisPlan.For(export!, Today);
    }

    private static void AddProject(HmisSample sample, string id, string type, string? rrhSubType = null, string? end = null, string units = "5", string beds = "10")
    {
        sample.Rows("Project.csv").Add(HmisSample.Row(("ProjectID", id), ("OrganizationID", "O1"), ("ProjectName", "Project " + id),
            ("OperatingStartDate", "2020-01-01"), ("OperatingEndDate", end ?? ""), ("ContinuumProject", "1"), ("ProjectType", type), ("RRHSubType", rrhSubType ?? "")));
        sample.Rows("Inventory.csv").Add(HmisSample.Row(("InventoryID", "I-" + id), ("ProjectID", id), ("HouseholdType", "3"),
            ("UnitInventory", units), ("BedInventory", beds), ("InventoryStartDate", "2020-01-01")));
    }

    [Test]
    public void AnEmergencyShelterBecomesAProgramWithItsCocAddressFundingAndInventory()
    {
        var shelter = Plan(new HmisSample()).Programs.Single(p => p.ProjectId == "P1");

        Assert.That((shelter.Kind, shelter.HudProjectType, shelter.Confidential, shelter.HudFunded), Is.EqualTo((ProgramKind.Emergency, 0, false, true)));
        Assert.That(shelter.CocCodes, Is.EqualTo(new[] { "CA-600" }));
        Assert.That(shelter.Address, Is.EqualTo("1200 W 7th St, Los Angeles, CA 90017"));
        Assert.That(shelter.Inventory, Is.EqualTo(new[]
        {
            new InventoryItem(HouseholdType.AdultsOnly, 0, 20, 0, InventoryAvailability.YearRound, BedType.FacilityBased, new DateOnly(2019, 7, 1), null),
        }));
    }

    [Test]
    public void AVictimServiceProgramIsConfidentialForEachSignAndCarriesNoAddressAnywhere()
    {
        var plan = Plan(new HmisSample());

        var safe = plan.Programs.Single(p => p.ProjectId == "P2");
        Assert.That(safe.ConfidentialBecause, Is.EqualTo(new[]
        {
            HmisConfidentialBecause.VictimServiceProvider, HmisConfidentialBecause.DvTargetPopulation, HmisConfidentialBecause.ComparableDatabase,
        }));
        Assert.That(safe.Address, Is.Null);
        Assert.That(safe.Zip, Is.EqualTo("90230"), "the ZIP code stands in for where it is, so unsafe places still leave it out");
        Assert.That(JsonSerializer.Serialize(plan), Does.Not.Contain(HmisSample.HiddenAddress).And.Not.Contain("Culver City"));
    }

    [TestCase("VictimServiceProvider")]
    [TestCase("TargetPopulation")]
    [TestCase("HMISParticipationType")]
    public void AnyOneSignMakesAProgramConfidential(string sign)
    {
        var sample = new HmisSample();
        // P1 is an ordinary shelter; give it one sign.
        if (sign == "VictimServiceProvider") sample.Rows("Organization.csv")[0]["VictimServiceProvider"] = "1";
        if (sign == "TargetPopulation") sample.Rows("Project.csv")[0]["TargetPopulation"] = "1";
        if (sign == "HMISParticipationType") sample.Rows("HMISParticipation.csv")[0]["HMISParticipationType"] = "2";

        var shelter = Plan(sample).Programs.Single(p => p.ProjectId == "P1");

        Assert.That(shelter.ConfidentialBecause, Has.Count.EqualTo(1));
        Assert.That(shelter.Address, Is.Null);
    }

    [Test]
    public void ProjectsThisServiceDoesNotPlaceInAreSkippedWithTheirReason()
    {
        var sample = new HmisSample();
        AddProject(sample, "RRH-SERVICES", "13", rrhSubType: "1");
        AddProject(sample, "ENDED", "1", end: "2025-06-30");
        AddProject(sample, "NO-BEDS", "2");
        sample.Rows("Inventory.csv")[^1]["InventoryEndDate"] = "2026-01-31";

        var skipped = Plan(sample).Skipped.ToDictionary(s => s.ProjectId, s => s.Reason);

        Assert.That(skipped, Is.EquivalentTo(new Dictionary<string, HmisSkip>
        {
            ["P3"] = HmisSkip.NotServed,
            ["RRH-SERVICES"] = HmisSkip.ServicesOnly,
            ["ENDED"] = HmisSkip.Ended,
            ["NO-BEDS"] = HmisSkip.NoInventory,
        }));
    }

    [Test]
    public void RapidRehousingCountsItsUnitsAsSlots()
    {
        var sample = new HmisSample();
        AddProject(sample, "RRH", "13", rrhSubType: "2", units: "7", beds: "19");

        var rrh = Plan(sample).Programs.Single(p => p.ProjectId == "RRH");

        Assert.That(rrh.Kind, Is.EqualTo(ProgramKind.RapidRehousing));
        Assert.That(rrh.Inventory.Select(i => (i.Units, i.Beds, i.Slots)), Is.EqualTo(new[] { (0, 0, 7) }));
    }

    [TestCase("8", null, true)]
    [TestCase("2", null, true)]
    [TestCase("46", null, false)]
    [TestCase("20", null, false)]
    [TestCase("8", "2026-06-30", false)]
    public void McKinneyVentoFundingInForceMarksTheProgramHudFunded(string funder, string? end, bool hudFunded)
    {
        var sample = new HmisSample();
        sample.Rows("Funder.csv")[0]["Funder"] = funder;
        if (funder == "46") sample.Rows("Funder.csv")[0]["OtherFunder"] = "County general fund";
        if (end is not null) sample.Rows("Funder.csv")[0]["EndDate"] = end;

        Assert.That(Plan(sample).Programs.Single(p => p.ProjectId == "P1").HudFunded, Is.EqualTo(hudFunded));
    }
}
