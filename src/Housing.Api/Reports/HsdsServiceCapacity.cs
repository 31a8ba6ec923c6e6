using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Housing.Api.Availability;
using Housing.Api.Http;

namespace Housing.Api.Reports;

/// <summary>
/// Open Referral HSDS 3.x <c>service_capacity</c> for a date: one object per program (a
/// service) and household type, <c>available</c> open at the end of the day out of
/// <c>maximum</c> in force, <c>updated</c> when the program last posted. Programs that never
/// posted have no count to give and are left out; so are confidential programs, whose
/// service identity must not be published.
/// </summary>
public static class HsdsServiceCapacity
{
    public static IReadOnlyList<ServiceCapacity> Build(ReportInputs inputs)
    {
        var holds = inputs.Holds.ToLookup(h => h.ProgramId);
        var result = new List<ServiceCapacity>();
        foreach (var program in inputs.Programs.Where(p => !p.Definition.Confidential).OrderBy(p => p.Id))
        {
            if (!inputs.LatestSnapshots.TryGetValue(program.Id, out var snapshot)) continue;
            foreach (var count in AvailabilityRules.View(program, snapshot, inputs.Date, inputs.OverflowIn(program.Definition.Region), inputs.OfflineAt(program.Id),
                holds[program.Id].ToList()))
            {
                var type = HousingJson.Text(count.HouseholdType);
                result.Add(new ServiceCapacity(
                    Uuid($"capacity:{program.Id}:{type}"),
                    program.Id.ToString(),
                    new HsdsUnit(Uuid($"unit:{count.Measure}:{type}"), $"{count.Measure} for {type.Replace('_', ' ')}", "HUD HMIS 2.07.4 household type",
                        ((int)count.HouseholdType).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    count.Open, count.Capacity,
                    $"Open {count.Measure} for {type.Replace('_', ' ')} at the end of {inputs.Date.Iso()} ({inputs.TimeZone}), after {count.Held} held for referrals.",
                    snapshot.PostedAt));
            }
        }
        return result;
    }

    /// <summary>A stable UUID (version 8, name-based) so the same capacity keeps its id across exports.</summary>
    private static string Uuid(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
}

public sealed record ServiceCapacity(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("service_id")] string ServiceId,
    [property: JsonPropertyName("unit")] HsdsUnit Unit,
    [property: JsonPropertyName("available")] int Available,
    [property: JsonPropertyName("maximum")] int Maximum,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("updated")] DateTimeOffset Updated);

public sealed record HsdsUnit(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("scheme")] string Scheme,
    [property: JsonPropertyName("identifier")] string Identifier);
