using System.Text.Json.Nodes;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>
/// Valid request bodies, fixed rather than generated, so a failing test reads the same every run.
/// Each call returns a new object: tests change a field and send it.
/// </summary>
public static class Bodies
{
    public const string StartDate = "2025-01-01";

    public static JsonObject Organization(string name = "Harbor House", string type = "provider") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["region"] = "spa-4",
        ["phone"] = "+1 213 555 0100",
        ["email"] = "intake@example.org",
    };

    /// <summary>Single women and families: 20 beds for adults, 12 beds in 4 family units.</summary>
    public static JsonObject Emergency(Guid organizationId, string name = "Harbor House Emergency Shelter", string region = "spa-4") => new()
    {
        ["organizationId"] = organizationId.ToString(),
        ["name"] = name,
        ["kind"] = "emergency",
        ["region"] = region,
        ["location"] = Location(34.0612, -118.2801),
        ["confidential"] = false,
        ["address"] = "1200 W 7th St, Los Angeles, CA 90017",
        ["intakeContact"] = new JsonObject { ["phone"] = "+1 213 555 0100", ["hours"] = "24/7" },
        ["hudFunded"] = false,
        ["services"] = new JsonArray("case_management", "counseling"),
        ["inventory"] = new JsonArray(
            Beds("adults_only", beds: 20, units: 0),
            Beds("adults_with_children", beds: 12, units: 4)),
        ["eligibility"] = new JsonObject
        {
            ["gendersServed"] = new JsonArray("woman"),
            ["languages"] = new JsonArray("en", "es"),
            ["curfew"] = "22:00",
        },
        // Intake at any hour (a window closing when it opens lasts 24 hours): with a curfew and no
        // intake hours, intake would be closed from 22:00 to 06:00 where the service is, and the
        // browser tests, on the real clock, would find nothing at night.
        ["intakeHours"] = new JsonArray(new JsonObject
        {
            ["days"] = new JsonArray("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
            ["opens"] = "00:00",
            ["closes"] = "00:00",
        }),
    };

    /// <summary>A confidential shelter: its address and coordinates are the secret.</summary>
    public static JsonObject ConfidentialEmergency(Guid organizationId, string name = "Safe Haven")
    {
        var body = Emergency(organizationId, name);
        body["confidential"] = true;
        body["address"] = ConfidentialAddress;
        body["location"] = Location(ConfidentialLatitude, -118.4512);
        return body;
    }

    public const string ConfidentialAddress = "17 Hidden Lane, Culver City, CA 90230";
    public const double ConfidentialLatitude = 34.0187;

    public static JsonObject Transitional(Guid organizationId, string name = "Bridge Home", string region = "spa-6") => new()
    {
        ["organizationId"] = organizationId.ToString(),
        ["name"] = name,
        ["kind"] = "transitional",
        ["region"] = region,
        ["location"] = Location(33.9601, -118.2799),
        ["address"] = "5 Harbor Way, Los Angeles, CA 90003",
        ["intakeContact"] = new JsonObject { ["email"] = "intake@bridge.example.org" },
        ["inventory"] = new JsonArray(Beds("adults_with_children", beds: 30, units: 10)),
        ["eligibility"] = new JsonObject { ["traffickingTypesServed"] = new JsonArray("sex", "labor") },
    };

    public static JsonObject RapidRehousing(Guid organizationId, string name = "Keys Forward", string region = "spa-2") => new()
    {
        ["organizationId"] = organizationId.ToString(),
        ["name"] = name,
        ["kind"] = "rapid_rehousing",
        ["region"] = region,
        ["location"] = Location(34.2201, -118.4499),
        ["maxStayDays"] = 180,
        ["intakeContact"] = new JsonObject { ["phone"] = "(818) 555-0199" },
        ["inventory"] = new JsonArray(
            Slots("adults_only", 15),
            Slots("adults_with_children", 10)),
        ["eligibility"] = new JsonObject { ["homelessCategories"] = new JsonArray(1, 4) },
    };

    public static JsonObject Beds(string householdType, int beds, int units) => new()
    {
        ["householdType"] = householdType,
        ["beds"] = beds,
        ["units"] = units,
        ["startDate"] = StartDate,
    };

    public static JsonObject Slots(string householdType, int slots) => new()
    {
        ["householdType"] = householdType,
        ["slots"] = slots,
        ["startDate"] = StartDate,
    };

    public static JsonObject Location(double latitude, double longitude) => new()
    {
        ["latitude"] = latitude,
        ["longitude"] = longitude,
    };

    /// <summary>Open beds for the emergency program above: (adults only, families).</summary>
    public static JsonObject OpenBeds(int adultsOnly, int families) => Availability(
        OpenBeds("adults_only", adultsOnly),
        OpenBeds("adults_with_children", families));

    public static JsonObject OpenBeds(string householdType, int beds, int units = 0) => new()
    {
        ["householdType"] = householdType,
        ["beds"] = beds,
        ["units"] = units,
    };

    public static JsonObject OpenSlots(string householdType, int slots) => new()
    {
        ["householdType"] = householdType,
        ["slots"] = slots,
    };

    public static JsonObject Availability(params JsonObject[] counts) => new() { ["counts"] = new JsonArray(counts) };
}
