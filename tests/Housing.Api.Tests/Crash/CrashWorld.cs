using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Tests.Contract;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Webhooks;

namespace Housing.Api.Tests.Crash;

/// <summary>A provider, its shelter key, a program with room for every referral, and a program its writer posts to.</summary>
public sealed record CrashShelter(Guid OrganizationId, string Key, Guid Program, Guid WriterProgram);

/// <summary>A referring agency and its case managers' keys.</summary>
public sealed record CrashAgency(Guid OrganizationId, IReadOnlyList<string> Keys);

/// <summary>
/// What the crash test builds over HTTP before the burst: shelters whose large programs never run
/// out (so a referral's outcome depends on the crash, not on luck), one scarce program every
/// second referral tries first (so holds race for its last beds and cascades skip it when full),
/// a program per shelter that only its writer posts to, and a webhook for every organisation.
/// </summary>
public sealed record CrashWorld(IReadOnlyList<CrashShelter> Shelters, IReadOnlyList<CrashAgency> Agencies, Guid ScarceProgram,
    IReadOnlyDictionary<Guid, string> Secrets)
{
    public const int ScarceAdultBeds = 6;
    public const int ScarceFamilyBeds = 2;
    public const int LargeAdultBeds = 3000;
    public const int LargeFamilyBeds = 1500;

    /// <summary>The shelter whose key decides at <paramref name="programId"/>.</summary>
    public CrashShelter OwnerOf(Guid programId) =>
        programId == ScarceProgram ? Shelters[0] : Shelters.Single(s => s.Program == programId || s.WriterProgram == programId);

    public static string Secret(Guid organizationId) => "whsec-crash-" + organizationId.ToString("N");

    public static async Task<CrashWorld> BuildAsync(HttpClient admin, WebhookReceiver receiver, int shelters, int agencies, int caseManagersEach)
    {
        var secrets = new Dictionary<Guid, string>();
        var built = new List<CrashShelter>();
        Guid scarce = default;
        for (var s = 0; s < shelters; s++)
        {
            var org = await admin.CreateOrganizationAsync($"Crash Shelter {s}");
            var key = await admin.IssueKeyAsync("shelter", org);
            var shelter = Client(admin.BaseAddress!, key);
            var program = await shelter.CreateProgramIdAsync(WithInventory(Bodies.Emergency(org, $"Crash Large {s}"), LargeAdultBeds, LargeFamilyBeds));
            await Post(shelter, program, LargeAdultBeds, LargeFamilyBeds);
            var writer = await shelter.CreateProgramIdAsync(WithInventory(Bodies.Emergency(org, $"Crash Posted {s}"), 5000, 12));
            if (s == 0)
            {
                scarce = await shelter.CreateProgramIdAsync(Bodies.Emergency(org, "Crash Scarce"));
                await Post(shelter, scarce, ScarceAdultBeds, ScarceFamilyBeds);
            }
            await SetWebhookAsync(shelter, org, receiver, secrets);
            built.Add(new CrashShelter(org, key, program, writer));
        }

        var agencyList = new List<CrashAgency>();
        for (var a = 0; a < agencies; a++)
        {
            var org = await admin.CreateOrganizationAsync($"Crash Agency {a}", "agency");
            var keys = new List<string>();
            for (var k = 0; k < caseManagersEach; k++) keys.Add(await admin.IssueKeyAsync("case_manager", org));
            await SetWebhookAsync(admin, org, receiver, secrets);
            agencyList.Add(new CrashAgency(org, keys));
        }
        return new CrashWorld(built, agencyList, scarce, secrets);
    }

    public static HttpClient Client(Uri baseAddress, string key)
    {
        // Held to openapi.yaml like the in-memory clients: a real Kestrel process answers here.
        var client = new HttpClient(new ContractCheckingHandler { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>An availability post: adult beds, and family beds (one unit for every three beds).</summary>
    public static JsonObject Counts(int adults, int families) => Bodies.Availability(
        Bodies.OpenBeds("adults_only", adults), Bodies.OpenBeds("adults_with_children", families, units: (families + 2) / 3));

    private static async Task Post(HttpClient shelter, Guid program, int adults, int families) =>
        await (await shelter.PostAvailabilityAsync(program, Counts(adults, families))).ExpectAsync(HttpStatusCode.OK);

    private static JsonObject WithInventory(JsonObject program, int adults, int families)
    {
        program["inventory"] = new JsonArray(
            Bodies.Beds("adults_only", beds: adults, units: 0),
            Bodies.Beds("adults_with_children", beds: families, units: (families + 2) / 3));
        return program;
    }

    private static async Task SetWebhookAsync(HttpClient client, Guid org, WebhookReceiver receiver, Dictionary<Guid, string> secrets)
    {
        secrets[org] = Secret(org);
        var body = new JsonObject { ["url"] = receiver.Url("org/" + org), ["secret"] = secrets[org] };
        await (await client.PutJsonAsync($"/v1/organizations/{org}/webhook", body)).ExpectAsync(HttpStatusCode.OK);
    }
}
