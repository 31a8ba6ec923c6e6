using Housing.Api.Imports.Hmis;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Imports;

/// <summary>
/// Reading an HMIS CSV export: the files HUD lays out, from a folder or a zip, checked whole.
/// Every mistake names the file, line and column, never the value, and means no export at all.
/// </summary>
public sealed class HmisExportTests
{
    private static (HmisExport? Export, IReadOnlyList<HmisProblem> Problems) Read(HmisSample sample)
    {
        using var folder = new TempDirectory();
        sample.WriteTo(folder.Path);
        using var source = HmisSource.Folder(folder.Path);
        return HmisExport.Read(source);
    }

    private static IReadOnlyList<HmisProblem> Problems(HmisSample sample)
    {
        var (export, problems) = Read(sample);
        Assert.That(export, Is.Null, "a problem anywhere means no export");
        Assert.That(problems, Is.Not.Empty);
        return problems;
    }

    [Test]
    public void AnExportLaidOutAsHudSaysIsReadWhole()
    {
        var (export, problems) = Read(new HmisSample());

        Assert.That(problems, Is.Empty);
        Assert.That(export!.Organizations.Select(o => (o.Id, o.VictimServiceProvider)), Is.EqualTo(new[] { ("O1", false), ("O2", true) }));
        var shelter = export.Projects.Single(p => p.Id == "P1");
        Assert.That((shelter.Name, shelter.ProjectType, shelter.OperatingStart, shelter.OperatingEnd, shelter.ContinuumProject),
            Is.EqualTo(("Harbor House Emergency Shelter", (int?)0, (DateOnly?)new DateOnly(2019, 7, 1), (DateOnly?)null, true)));
        Assert.That(export.Projects.Single(p => p.Id == "P2").TargetPopulation, Is.EqualTo(1));
        Assert.That(export.Funders.Single().Funder, Is.EqualTo(8));
        Assert.That(export.ProjectCocs.Select(c => c.CocCode), Is.EqualTo(new[] { "CA-600", "CA-606" }));
        var family = export.Inventory.Single(i => i.Id == "I2");
        Assert.That((family.HouseholdType, family.Units, family.Beds, family.CocCode, family.Availability),
            Is.EqualTo(((int?)3, 4, 12, (string?)null, (int?)null)), "FY2026: an inventory's CoC code may be empty");
        Assert.That(export.HmisParticipation.Single(p => p.ProjectId == "P2").Type, Is.EqualTo(2));
        Assert.That(export.CeParticipationProjectIds, Is.EqualTo(new[] { "P1" }));
    }

    [Test]
    public void AZipReadsAsTheFolderDoesWhateverTheCaseOfItsNamesOrItsFolder()
    {
        var sample = new HmisSample();
        using var folder = new TempDirectory();
        sample.WriteTo(folder.Path, name => name.ToLowerInvariant());
        using var lower = HmisSource.Folder(folder.Path);
        using var zipped = HmisSource.Zip(sample.Zip("export-2026-11"));

        var (fromFolder, _) = HmisExport.Read(lower);
        var (fromZip, problems) = HmisExport.Read(zipped);

        Assert.That(problems, Is.Empty);
        Assert.That(fromZip!.Projects, Is.EqualTo(fromFolder!.Projects));
        Assert.That(fromZip.Inventory, Is.EqualTo(fromFolder.Inventory));
    }

    [Test]
    public void RowsHmisMarkedDeletedAreLeftOut()
    {
        var sample = new HmisSample();
        sample.Rows("Inventory.csv")[0]["DateDeleted"] = "2025-01-01 10:00:00";

        var (export, _) = Read(sample);

        Assert.That(export!.Inventory.Select(i => i.Id), Is.EqualTo(new[] { "I2" }));
    }

    [Test]
    public void AMissingFileIsNamed()
    {
        var sample = new HmisSample();
        sample.Files.Remove("Funder.csv");

        Assert.That(Problems(sample), Is.EqualTo(new[] { new HmisProblem("Funder.csv", null, null, "The export has no such file.") }));
    }

    [Test]
    public void AMissingColumnIsNamedOnTheHeadersLine()
    {
        var sample = new HmisSample();
        sample.Files["Inventory.csv"] = ([.. HmisSample.InventoryColumns.Where(c => c != "BedInventory")], sample.Rows("Inventory.csv"));

        Assert.That(Problems(sample), Is.EqualTo(new[] { new HmisProblem("Inventory.csv", 1, "BedInventory", "The header has no such column.") }));
    }

    [TestCase("Project.csv", 0, "ProjectType", "5")]
    [TestCase("Project.csv", 1, "ProjectType", "zero")]
    [TestCase("Inventory.csv", 0, "HouseholdType", "2")]
    [TestCase("Inventory.csv", 0, "HouseholdType", "")]
    [TestCase("Inventory.csv", 1, "Availability", "4")]
    [TestCase("Inventory.csv", 0, "ESBedType", "9")]
    [TestCase("Inventory.csv", 1, "BedInventory", "-3")]
    [TestCase("Inventory.csv", 1, "InventoryStartDate", "01/02/2020")]
    [TestCase("Funder.csv", 0, "Funder", "12")]
    [TestCase("Organization.csv", 1, "VictimServiceProvider", "99")]
    [TestCase("HMISParticipation.csv", 1, "HMISParticipationType", "3")]
    [TestCase("Project.csv", 2, "ProjectName", "")]
    public void AValueHudDoesNotAllowIsNamedByFileLineAndColumnButNotRepeated(string file, int row, string column, string value)
    {
        var sample = new HmisSample();
        sample.Rows(file)[row][column] = value;

        var problem = Problems(sample).Single();

        Assert.That((problem.File, problem.Line, problem.Column), Is.EqualTo((file, (int?)row + 2, column)));
        if (value.Length > 1) Assert.That(problem.ToString(), Does.Not.Contain(value));
    }

    [TestCase("Project.csv", "OrganizationID", "O9", "Organization.csv")]
    [TestCase("Inventory.csv", "ProjectID", "P9", "Project.csv")]
    [TestCase("Funder.csv", "ProjectID", "P9", "Project.csv")]
    [TestCase("ProjectCoC.csv", "ProjectID", "P9", "Project.csv")]
    [TestCase("HMISParticipation.csv", "ProjectID", "P9", "Project.csv")]
    [TestCase("CEParticipation.csv", "ProjectID", "P9", "Project.csv")]
    public void AnIdThatPointsNowhereIsNamed(string file, string column, string id, string target)
    {
        var sample = new HmisSample();
        sample.Rows(file)[0][column] = id;

        Assert.That(Problems(sample), Is.EqualTo(new[] { new HmisProblem(file, 2, column, $"No row of {target} has this id.") }));
    }

    [Test]
    public void TheSameProjectTwiceIsNamedOnItsSecondLine()
    {
        var sample = new HmisSample();
        sample.Rows("Project.csv")[2]["ProjectID"] = "P1";

        Assert.That(Problems(sample), Has.Some.EqualTo(new HmisProblem("Project.csv", 4, "ProjectID", "This id is on an earlier line too.")));
    }

    [Test]
    public void CsvThatIsNotWellFormedIsNamedWithoutItsValues()
    {
        var sample = new HmisSample();
        using var folder = new TempDirectory();
        sample.WriteTo(folder.Path);
        File.AppendAllText(folder.PathOf("ProjectCoC.csv"), $"C3,P2,CA-606,069037,{HmisSample.HiddenAddress}\r\n");
        using var source = HmisSource.Folder(folder.Path);

        var (export, problems) = HmisExport.Read(source);

        Assert.That(export, Is.Null);
        var problem = problems.Single();
        Assert.That((problem.File, problem.Message), Is.EqualTo(("ProjectCoC.csv", problem.Message)));
        Assert.That(problem.Message, Does.StartWith("The file is not well-formed CSV").And.Contain("line 4"));
        Assert.That(problem.ToString(), Does.Not.Contain(HmisSample.HiddenAddress));
    }

    [Test]
    public void EveryProblemInTheExportIsNamedAtOnce()
    {
        var sample = new HmisSample();
        sample.Rows("Project.csv")[0]["ProjectType"] = "5";
        sample.Rows("Inventory.csv")[1]["BedInventory"] = "lots";
        sample.Rows("Funder.csv")[0]["ProjectID"] = "P9";

        Assert.That(Problems(sample).Select(p => p.File), Is.EquivalentTo(new[] { "Project.csv", "Inventory.csv", "Funder.csv" }));
    }
}
