using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Housing.Api.Programs;

namespace Housing.Api.Reports;

/// <summary>
/// HUD HMIS CSV (FY2024) <c>Inventory.csv</c> for a date: one row per inventory record in force
/// that day, in HUD's column order and codes (HouseholdType 2.07.4: 1, 3, 4; Availability
/// 2.07.3 and ESBedType 2.07.5 for emergency shelter only). Confidential (victim service
/// provider) programs are left out: HUD's HIC takes their inventory only as an aggregate the
/// CoC reports apart, and a row, even without a name, would carry the project's identity.
/// </summary>
public static class HmisInventoryCsv
{
    public const string FileName = "Inventory.csv";

    public static readonly IReadOnlyList<string> Header =
    [
        "InventoryID", "ProjectID", "CoCCode", "HouseholdType", "Availability", "UnitInventory", "BedInventory",
        "CHVetBedInventory", "YouthVetBedInventory", "VetBedInventory", "CHYouthBedInventory", "YouthBedInventory",
        "CHBedInventory", "OtherBedInventory", "ESBedType", "InventoryStartDate", "InventoryEndDate",
        "DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID",
    ];

    public static string Write(ReportInputs inputs, string cocCode)
    {
        return CsvText.Write(Header, Rows(inputs, cocCode).Select(r => r.Fields()), escapeFormulas: false);
    }

    public static IEnumerable<Row> Rows(ReportInputs inputs, string cocCode)
    {
        var exportId = "housing-" + inputs.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        foreach (var program in inputs.Programs.Where(p => !p.Definition.Confidential).OrderBy(p => p.Id))
        {
            var d = program.Definition;
            var emergency = d.Kind == ProgramKind.Emergency;
            for (var position = 0; position < d.Inventory.Count; position++)
            {
                var item = d.Inventory[position];
                if (!item.IsActiveOn(inputs.Date)) continue;
                // Rapid rehousing counts enrolments (slots): reported as units, one per household.
                var units = d.Kind == ProgramKind.RapidRehousing ? item.Slots : item.Units;
                yield return new Row
                {
                    InventoryId = Id($"{program.Id:N}:{position}"),
                    ProjectId = program.Id.ToString("N"),
                    CocCode = cocCode,
                    HouseholdType = (int)item.HouseholdType,
                    Availability = emergency ? (int)(item.Availability ?? InventoryAvailability.YearRound) : null,
                    UnitInventory = units,
                    BedInventory = item.Beds,
                    // Beds are not dedicated to a subpopulation here: all are "other" (the parts must add up to BedInventory).
                    OtherBedInventory = item.Beds,
                    EsBedType = emergency ? (int)(item.BedType ?? BedType.FacilityBased) : null,
                    InventoryStartDate = Date(item.StartDate),
                    InventoryEndDate = item.EndDate is { } end ? Date(end) : null,
                    DateCreated = DateTime(program.CreatedAt),
                    DateUpdated = DateTime(program.UpdatedAt),
                    ExportId = exportId,
                };
            }
        }
    }

    private static string Id(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..32];

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DateTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>One Inventory.csv row, in HUD's column order.</summary>
    public sealed class Row
    {
        public string InventoryId { get; set; } = "";
        public string ProjectId { get; set; } = "";
        public string CocCode { get; set; } = "";
        public int HouseholdType { get; set; }
        public int? Availability { get; set; }
        public int UnitInventory { get; set; }
        public int BedInventory { get; set; }
        public int ChVetBedInventory { get; set; }
        public int YouthVetBedInventory { get; set; }
        public int VetBedInventory { get; set; }
        public int ChYouthBedInventory { get; set; }
        public int YouthBedInventory { get; set; }
        public int ChBedInventory { get; set; }
        public int OtherBedInventory { get; set; }
        public int? EsBedType { get; set; }
        public string InventoryStartDate { get; set; } = "";
        public string? InventoryEndDate { get; set; }
        public string DateCreated { get; set; } = "";
        public string DateUpdated { get; set; } = "";
        public string UserId { get; set; } = "housing";
        public string? DateDeleted { get; set; }
        public string ExportId { get; set; } = "";

        public string?[] Fields() =>
        [
            InventoryId,
            ProjectId,
            CocCode,
            HouseholdType.ToString(CultureInfo.InvariantCulture),
            Availability?.ToString(CultureInfo.InvariantCulture),
            UnitInventory.ToString(CultureInfo.InvariantCulture),
            BedInventory.ToString(CultureInfo.InvariantCulture),
            ChVetBedInventory.ToString(CultureInfo.InvariantCulture),
            YouthVetBedInventory.ToString(CultureInfo.InvariantCulture),
            VetBedInventory.ToString(CultureInfo.InvariantCulture),
            ChYouthBedInventory.ToString(CultureInfo.InvariantCulture),
            YouthBedInventory.ToString(CultureInfo.InvariantCulture),
            ChBedInventory.ToString(CultureInfo.InvariantCulture),
            OtherBedInventory.ToString(CultureInfo.InvariantCulture),
            EsBedType?.ToString(CultureInfo.InvariantCulture),
            InventoryStartDate,
            InventoryEndDate,
            DateCreated,
            DateUpdated,
            UserId,
            DateDeleted,
            ExportId,
        ];
    }
}
