using System.IO.Compression;

namespace Housing.Api.Tests.Imports;

/// <summary>
/// A small HMIS CSV export written as HUD lays the files out (every column of the FY2026
/// specification, in its order), with rows a test can add to or spoil before writing.
/// </summary>
public sealed class HmisSample
{
    public static readonly string[] OrganizationColumns =
        ["OrganizationID", "OrganizationName", "VictimServiceProvider", "OrganizationCommonName", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID"];
    public static readonly string[] ProjectColumns =
        ["ProjectID", "OrganizationID", "ProjectName", "ProjectCommonName", "OperatingStartDate", "OperatingEndDate", "ContinuumProject", "ProjectType",
         "HousingType", "RRHSubType", "ResidentialAffiliation", "TargetPopulation", "HOPWAMedAssistedLivingFac", "PITCount", "DateCreated", "DateUpdated",
         "UserID", "DateDeleted", "ExportID"];
    public static readonly string[] FunderColumns =
        ["FunderID", "ProjectID", "Funder", "OtherFunder", "GrantID", "StartDate", "EndDate", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID"];
    public static readonly string[] ProjectCocColumns =
        ["ProjectCoCID", "ProjectID", "CoCCode", "Geocode", "Address1", "Address2", "City", "State", "ZIP", "GeographyType", "DateCreated", "DateUpdated",
         "UserID", "DateDeleted", "ExportID"];
    public static readonly string[] InventoryColumns =
        ["InventoryID", "ProjectID", "CoCCode", "HouseholdType", "Availability", "UnitInventory", "BedInventory", "CHVetBedInventory", "YouthVetBedInventory",
         "VetBedInventory", "CHYouthBedInventory", "YouthBedInventory", "CHBedInventory", "OtherBedInventory", "ESBedType", "InventoryStartDate",
         "InventoryEndDate", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID"];
    public static readonly string[] HmisParticipationColumns =
        ["HMISParticipationID", "ProjectID", "HMISParticipationType", "HMISParticipationStatusStartDate", "HMISParticipationStatusEndDate", "DateCreated",
         "DateUpdated", "UserID", "DateDeleted", "ExportID"];
    public static readonly string[] CeParticipationColumns =
        ["CEParticipationID", "ProjectID", "AccessPoint", "PreventionAssessment", "CrisisAssessment", "HousingAssessment", "DirectServices",
         "ReceivesReferrals", "CEParticipationStatusStartDate", "CEParticipationStatusEndDate", "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID"];

    /// <summary>A confidential program's street address: it must never come out of the importer.</summary>
    public const string HiddenAddress = "17 Hidden Lane";

    public Dictionary<string, (string[] Columns, List<Dictionary<string, string>> Rows)> Files { get; } = new()
    {
        ["Organization.csv"] = (OrganizationColumns, [
            Row(("OrganizationID", "O1"), ("OrganizationName", "Harbor House"), ("VictimServiceProvider", "0")),
            Row(("OrganizationID", "O2"), ("OrganizationName", "Safe Passage"), ("VictimServiceProvider", "1")),
        ]),
        ["Project.csv"] = (ProjectColumns, [
            Row(("ProjectID", "P1"), ("OrganizationID", "O1"), ("ProjectName", "Harbor House Emergency Shelter"), ("OperatingStartDate", "2019-07-01"),
                ("ContinuumProject", "1"), ("ProjectType", "0"), ("TargetPopulation", "4")),
            Row(("ProjectID", "P2"), ("OrganizationID", "O2"), ("ProjectName", "Safe Passage Transitional"), ("OperatingStartDate", "2020-01-01"),
                ("ContinuumProject", "1"), ("ProjectType", "2"), ("TargetPopulation", "1")),
            Row(("ProjectID", "P3"), ("OrganizationID", "O1"), ("ProjectName", "Harbor Outreach"), ("OperatingStartDate", "2020-01-01"),
                ("ContinuumProject", "1"), ("ProjectType", "4")),
        ]),
        ["Funder.csv"] = (FunderColumns, [
            Row(("FunderID", "F1"), ("ProjectID", "P1"), ("Funder", "8"), ("GrantID", "ESG-1"), ("StartDate", "2024-07-01")),
        ]),
        ["ProjectCoC.csv"] = (ProjectCocColumns, [
            Row(("ProjectCoCID", "C1"), ("ProjectID", "P1"), ("CoCCode", "CA-600"), ("Geocode", "069037"), ("Address1", "1200 W 7th St"),
                ("City", "Los Angeles"), ("State", "CA"), ("ZIP", "90017")),
            Row(("ProjectCoCID", "C2"), ("ProjectID", "P2"), ("CoCCode", "CA-606"), ("Geocode", "069037"), ("Address1", HiddenAddress),
                ("City", "Culver City"), ("State", "CA"), ("ZIP", "90230")),
        ]),
        ["Inventory.csv"] = (InventoryColumns, [
            Row(("InventoryID", "I1"), ("ProjectID", "P1"), ("CoCCode", "CA-600"), ("HouseholdType", "1"), ("Availability", "1"), ("UnitInventory", "0"),
                ("BedInventory", "20"), ("ESBedType", "1"), ("InventoryStartDate", "2019-07-01")),
            Row(("InventoryID", "I2"), ("ProjectID", "P2"), ("CoCCode", ""), ("HouseholdType", "3"), ("UnitInventory", "4"),
                ("BedInventory", "12"), ("InventoryStartDate", "2020-01-01")),
        ]),
        ["HMISParticipation.csv"] = (HmisParticipationColumns, [
            Row(("HMISParticipationID", "H1"), ("ProjectID", "P1"), ("HMISParticipationType", "1"), ("HMISParticipationStatusStartDate", "2019-07-01")),
            Row(("HMISParticipationID", "H2"), ("ProjectID", "P2"), ("HMISParticipationType", "2"), ("HMISParticipationStatusStartDate", "2020-01-01")),
        ]),
        ["CEParticipation.csv"] = (CeParticipationColumns, [
            Row(("CEParticipationID", "E1"), ("ProjectID", "P1"), ("AccessPoint", "0"), ("ReceivesReferrals", "1"), ("CEParticipationStatusStartDate", "2019-07-01")),
        ]),
    };

    public static Dictionary<string, string> Row(params (string Column, string Value)[] values)
    {
        var row = values.ToDictionary(v => v.Column, v => v.Value, StringComparer.Ordinal);
        row.TryAdd("DateCreated", "2024-10-01 09:00:00");
        row.TryAdd("DateUpdated", "2024-10-01 09:00:00");
        row.TryAdd("UserID", "U1");
        row.TryAdd("ExportID", "X1");
        return row;
    }

    public List<Dictionary<string, string>> Rows(string file) => Files[file].Rows;

    /// <summary>
    /// A large export: the sample's rows copied <paramref name="copies"/> times, every id made new
    /// (an "x7" suffix) and every reference following it, so each copy is its own organisations and projects.
    /// </summary>
    public static HmisSample Scaled(int copies)
    {
        var sample = new HmisSample();
        var idColumns = new[] { "OrganizationID", "ProjectID", "FunderID", "ProjectCoCID", "InventoryID", "HMISParticipationID", "CEParticipationID" };
        foreach (var (_, (_, rows)) in sample.Files)
        {
            var originals = rows.ToList();
            rows.Clear();
            for (var copy = 0; copy < copies; copy++)
            {
                foreach (var original in originals)
                {
                    var row = new Dictionary<string, string>(original, StringComparer.Ordinal);
                    foreach (var column in idColumns.Where(c => row.TryGetValue(c, out var v) && v.Length > 0)) row[column] += "x" + copy;
                    rows.Add(row);
                }
            }
        }
        return sample;
    }

    public void WriteTo(string folder, Func<string, string>? name = null)
    {
        foreach (var (file, (columns, rows)) in Files)
            File.WriteAllText(Path.Combine(folder, name?.Invoke(file) ?? file), Text(columns, rows));
    }

    public MemoryStream Zip(string? inFolder = null)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (file, (columns, rows)) in Files)
            {
                using var writer = new StreamWriter(zip.CreateEntry((inFolder is null ? "" : inFolder + "/") + file).Open());
                writer.Write(Text(columns, rows));
            }
        }
        stream.Position = 0;
        return stream;
    }

    private static string Text(string[] columns, List<Dictionary<string, string>> rows) =>
        string.Join(",", columns) + "\r\n" + string.Concat(rows.Select(r => string.Join(",", columns.Select(c => Quote(r.GetValueOrDefault(c, "")))) + "\r\n"));

    private static string Quote(string value) => value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
