using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Hostile;

/// <summary>
/// A valid request for an operation, and ids that belong to another organisation for its path
/// parameters. <c>Reusable</c>: accepting it uses nothing up, so it stays valid after a mutation of it succeeds.
/// </summary>
public sealed record Example(FuzzRequest Request, IReadOnlyDictionary<string, string> ForeignIds, bool Reusable = false);

/// <summary>
/// The data the fuzzer's requests point at, seeded through the API: two shelters, two agencies,
/// a key per role and a revoked one, a large program with posted beds, referrals, webhooks and
/// today's report. <see cref="ExampleAsync"/> makes a fresh valid request for an operation,
/// creating what it consumes (a pending referral to accept, a key to revoke), so that a mutated
/// request is refused for what was mutated, not because an earlier one used the state up.
/// </summary>
public sealed class FuzzWorld
{
    public const string Today = "2026-03-02";

    private readonly HousingApp _app;
    private int _made;

    /// <summary>The agency's second case manager, who makes the referrals examples consume, so the fuzzed key's holds never reach its limit.</summary>
    private HttpClient _seeding = null!;

    private FuzzWorld(HousingApp app) => _app = app;

    public Guid Provider { get; private set; }
    public Guid OtherProvider { get; private set; }
    public Guid Agency { get; private set; }
    public Guid OtherAgency { get; private set; }
    public Guid ProgramId { get; private set; }
    public Guid OtherProgramId { get; private set; }
    public Guid OtherReferralId { get; private set; }
    public Guid ReferralId { get; private set; }
    public required FuzzKeys Keys { get; init; }

    private string Shelter => Keys.ByRole["shelter"];
    private string CaseManager => Keys.ByRole["case_manager"];
    private string Reporter => Keys.ByRole["reporter"];
    private HttpClient Admin => _app.Admin;

    public static async Task<FuzzWorld> SeedAsync(HousingApp app)
    {
        var admin = app.Admin;
        var provider = await admin.CreateOrganizationAsync("Fuzz Shelters");
        var otherProvider = await admin.CreateOrganizationAsync("Other Shelters");
        var agency = await admin.CreateOrganizationAsync("Fuzz Agency", "agency");
        var otherAgency = await admin.CreateOrganizationAsync("Other Agency", "agency");
        var revoked = (await (await admin.PostJsonAsync("/v1/api-keys", new JsonObject { ["role"] = "reporter", ["label"] = "revoked" })).ExpectAsync(HttpStatusCode.Created));
        await (await admin.DeleteAsync($"/v1/api-keys/{revoked.Id()}")).ExpectAsync(HttpStatusCode.NoContent);
        var world = new FuzzWorld(app)
        {
            Provider = provider,
            OtherProvider = otherProvider,
            Agency = agency,
            OtherAgency = otherAgency,
            Keys = new FuzzKeys(new Dictionary<string, string>
            {
                ["admin"] = HousingApp.AdminKey,
                ["shelter"] = await admin.IssueKeyAsync("shelter", provider),
                ["case_manager"] = await admin.IssueKeyAsync("case_manager", agency),
                ["reporter"] = await admin.IssueKeyAsync("reporter"),
            }, (string)revoked["key"]!),
        };
        world._seeding = app.Client(await admin.IssueKeyAsync("case_manager", agency));
        var otherShelter = app.Client(await admin.IssueKeyAsync("shelter", otherProvider));
        world.ProgramId = await world.NewProgramAsync(app.Client(world.Shelter), provider);
        world.OtherProgramId = await world.NewProgramAsync(otherShelter, otherProvider);
        world.ReferralId = await world.ReferAsync(world.ProgramId);
        world.OtherReferralId = await world.ReferAsync(world.OtherProgramId, app.Client(await admin.IssueKeyAsync("case_manager", otherAgency)));
        await world.SetWebhookAsync(provider, "127.0.0.1");
        await (await admin.PostJsonAsync("/v1/reports/capacity/runs", new JsonObject { ["date"] = Today })).ExpectAsync(HttpStatusCode.OK);
        return world;
    }

    /// <summary>A fresh valid request for the operation, or null when the table has none (the fuzzer then builds one from the contract alone).</summary>
    public async Task<Example?> ExampleAsync(ContractOperation op)
    {
        var n = ++_made;
        var ours = new Dictionary<string, string>();
        FuzzRequest R(string key, Dictionary<string, string>? path = null, JsonNode? body = null, params (string, string)[] query) => new()
        {
            Method = op.Method,
            PathTemplate = op.Path,
            ApiKeys = [key],
            PathValues = (path ?? []).ToImmutableDictionary(),
            Query = [.. query.Select(q => new KeyValuePair<string, string>(q.Item1, q.Item2))],
            Body = body,
        };
        Example E(FuzzRequest request, params (string, Guid)[] foreign) =>
            new(request, foreign.ToDictionary(f => f.Item1, f => f.Item2.ToString()), Reusable: op.Id is not ("CreateReferral" or "RevokeApiKey" or "DeleteWebhook"
                or "RetryWebhookDelivery" or "AcceptReferral" or "DeclineReferral" or "PlaceReferral" or "NoShowReferral" or "CancelReferral" or "GetPlacement"
                or "ReturnOfflineBeds"));
        Dictionary<string, string> Id(Guid id) => new() { ["id"] = id.ToString() };

        return op.Id switch
        {
            "CreateApiKey" => E(R(HousingApp.AdminKey, body: new JsonObject { ["role"] = "shelter", ["organizationId"] = Provider.ToString(), ["label"] = $"fuzz key {n}" })),
            "ListApiKeys" => E(R(HousingApp.AdminKey)),
            "RevokeApiKey" => E(R(HousingApp.AdminKey, Id(await KeyIdAsync()))),
            "CreateOrganization" => E(R(HousingApp.AdminKey, body: Bodies.Organization($"Fuzz Org {n}"))),
            "ListOrganizations" => E(R(CaseManager, query: [("type", "provider"), ("after", Guid.Empty.ToString()), ("limit", "10")])),
            "GetOrganization" => E(R(Shelter, Id(Provider)), ("id", OtherProvider)),
            "CreateProgram" => E(R(Shelter, body: ProgramBody(Provider, $"Fuzz Program {n}"))),
            "ListPrograms" => E(R(CaseManager, query: [("kind", "emergency"), ("region", "spa-4"), ("organizationId", Provider.ToString()), ("after", Guid.Empty.ToString()), ("limit", "10")])),
            "GetProgram" => E(R(Shelter, Id(ProgramId)), ("id", OtherProgramId)),
            // "*": any version, so an accepted update leaves the example valid.
            "UpdateProgram" => E(R(Shelter, Id(await NewProgramAsync(_app.Client(Shelter), Provider)), ProgramBody(Provider, $"Renamed {n}")) with
            {
                Headers = [new("If-Match", "*")],
            }, ("id", OtherProgramId)),
            "SetAvailability" => E(R(Shelter, Id(await NewProgramAsync(_app.Client(Shelter), Provider)), OpenRooms()), ("id", OtherProgramId)),
            "GetAvailability" => E(R(Shelter, Id(ProgramId)), ("id", OtherProgramId)),
            // A program of its own: accepted mutations may take all its beds offline, and the referral examples hold at ProgramId.
            "TakeBedsOffline" => E(R(Shelter, Id(await NewProgramAsync(_app.Client(Shelter), Provider)), OfflineBody()), ("id", OtherProgramId)),
            "ListOfflineBeds" => E(R(Shelter, Id(ProgramId)), ("id", OtherProgramId)),
            "ReturnOfflineBeds" => E(R(Shelter, new() { ["id"] = ProgramId.ToString(), ["offlineId"] = (await OfflineAsync()).ToString() }), ("id", OtherProgramId)),
            "ListAvailability" => E(R(CaseManager, query: [("kind", "emergency"), ("region", "spa-4"), ("householdType", "adults_only"), ("minOpen", "1"), ("after", Guid.Empty.ToString()), ("limit", "10")])),
            "Match" => E(R(CaseManager, body: MatchBody(), query: [("explain", "true")])),
            "CreateReferral" => E(R(CaseManager, body: ReferralBody(ProgramId, $"FUZZ-{n}")) with { Headers = [new("Idempotency-Key", $"fuzz-{n}")] }),
            "ListReferrals" => E(R(CaseManager, query: [("status", "pending"), ("programId", ProgramId.ToString()), ("after", Guid.Empty.ToString()), ("limit", "10")])),
            "GetReferral" => E(R(CaseManager, Id(ReferralId)), ("id", OtherReferralId)),
            "GetPlacement" => E(R(CaseManager, Id(await ReferAsync(ProgramId, decide: "accept"))), ("id", OtherReferralId)),
            "AcceptReferral" or "DeclineReferral" => E(R(Shelter, Id(await ReferAsync(ProgramId)),
                op.Id == "DeclineReferral" ? new JsonObject { ["declinedBy"] = "provider", ["reason"] = "no_capacity", ["text"] = "Room flooded" } : null), ("id", OtherReferralId)),
            "PlaceReferral" or "NoShowReferral" => E(R(Shelter, Id(await ReferAsync(ProgramId, decide: "accept"))), ("id", OtherReferralId)),
            "CancelReferral" => E(R(CaseManager, Id(await ReferAsync(ProgramId))), ("id", OtherReferralId)),
            "SetWebhook" => E(R(Shelter, Id(Provider), new JsonObject { ["url"] = $"http://127.0.0.1:9/fuzz/{n}", ["secret"] = new string('s', 40) }), ("id", OtherProvider)),
            "GetWebhook" => E(R(Shelter, Id(Provider)), ("id", OtherProvider)),
            "DeleteWebhook" => E(R(Shelter, Id(await SetWebhookAsync(Provider, "127.0.0.1"))), ("id", OtherProvider)),
            "ListWebhookDeliveries" => E(R(Shelter, Id(Provider), query: [("status", "pending"), ("after", Guid.Empty.ToString()), ("limit", "10")]), ("id", OtherProvider)),
            "RetryWebhookDelivery" => E(R(CaseManager, new() { ["id"] = Agency.ToString(), ["eventId"] = (await FailedEventAsync(n)).ToString() }), ("id", OtherAgency)),
            "ListCapacityReports" => E(R(Reporter)),
            "GetCapacityReport" or "GetHmisInventoryCsv" or "GetHsdsServiceCapacity" => E(R(Reporter, new() { ["date"] = Today })),
            "RunCapacityReport" => E(R(HousingApp.AdminKey, body: new JsonObject { ["date"] = Today, ["rebuild"] = false })),
            "ListAudit" => E(R(HousingApp.AdminKey, query: [("entityType", "program"), ("entityId", ProgramId.ToString()), ("action", "program.created"), ("keyId", "bootstrap"), ("after", "0"), ("limit", "10")])),
            _ => null,
        };
    }

    private static JsonObject OfflineBody() => new()
    {
        ["householdType"] = "adults_only",
        ["beds"] = 1,
        ["reason"] = "renovation",
        ["returnsOn"] = "2026-03-09",
        ["note"] = "Painting room 4",
    };

    /// <summary>One bed of ProgramId out of service, for an example to return.</summary>
    private async Task<Guid> OfflineAsync() =>
        (Guid)(await (await _app.Client(Shelter).PostJsonAsync($"/v1/programs/{ProgramId}/offline-beds", OfflineBody())).ExpectAsync(HttpStatusCode.Created))["id"]!;

    /// <summary>An emergency program with every field the contract has, so each is fuzzed: 4,000 adult and 1,000 family beds.</summary>
    public static JsonObject ProgramBody(Guid organization, string name)
    {
        var body = Bodies.Emergency(organization, name);
        body["hudProjectType"] = 1;
        body["maxStayDays"] = 90;
        body["hudFunded"] = false;
        body["inventory"] = new JsonArray(
            Inventory("adults_only", 4000, 0), Inventory("adults_with_children", 1000, 300));
        body["eligibility"] = new JsonObject
        {
            ["gendersServed"] = new JsonArray("woman", "man"),
            ["minAdultAge"] = 18,
            ["maxAdultAge"] = 99,
            ["maxChildAge"] = 17,
            ["maxBoyAge"] = 17,
            ["maxHouseholdSize"] = 8,
            ["pregnancy"] = "accepted",
            ["traffickingTypesServed"] = new JsonArray("sex", "labor"),
            ["homelessCategories"] = new JsonArray(1, 4),
            ["petsAllowed"] = true,
            ["wheelchairAccessible"] = true,
            ["languages"] = new JsonArray("en", "es"),
            ["sobrietyRequired"] = false,
            ["idRequired"] = false,
            ["immigrationDocumentsRequired"] = false,
            ["criminalRecord"] = "no_restriction",
            ["referralOnly"] = false,
            ["curfew"] = "22:00",
        };
        // Families housed by room: 250 rooms of 4 beds and a crib, two of them adjoining for a larger family.
        body["unitSizes"] = new JsonArray(new JsonObject { ["householdType"] = "adults_with_children", ["beds"] = 4, ["cribs"] = 1, ["count"] = 250 });
        body["adjoiningUnits"] = 2;
        // Intake at any hour (a window closing when it opens lasts 24 hours), so a search finds it whenever the fuzzer runs.
        body["timeZone"] = "America/Los_Angeles";
        body["intakeHours"] = new JsonArray(new JsonObject
        {
            ["days"] = new JsonArray("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
            ["opens"] = "00:00",
            ["closes"] = "00:00",
        });
        return body;
    }

    /// <summary>A post for <see cref="ProgramBody"/>'s program: 3 adult beds, and 2 family rooms open by size.</summary>
    private static JsonObject OpenRooms() => Bodies.Availability(
        Bodies.OpenBeds("adults_only", 3),
        new JsonObject
        {
            ["householdType"] = "adults_with_children",
            ["openUnits"] = new JsonArray(new JsonObject { ["beds"] = 4, ["cribs"] = 1, ["count"] = 2 }),
        });

    private static JsonObject Inventory(string type, int beds, int units)
    {
        var item = Bodies.Beds(type, beds, units);
        item["slots"] = 0;
        item["availability"] = "year_round";
        item["bedType"] = "facility_based";
        item["endDate"] = "2030-12-31";
        return item;
    }

    private static JsonObject Household() => new()
    {
        ["members"] = new JsonArray(new JsonObject { ["role"] = "adult", ["age"] = 31, ["genders"] = new JsonArray("woman") }),
        ["pregnant"] = false,
        ["pets"] = false,
        ["wheelchair"] = false,
        ["languages"] = new JsonArray("es"),
        ["trafficking"] = "sex",
        ["homelessCategory"] = 4,
        ["hasId"] = false,
        ["hasImmigrationDocuments"] = false,
        ["criminalRecord"] = false,
        ["substanceUse"] = false,
    };

    private JsonObject MatchBody() => new()
    {
        ["household"] = Household(),
        ["wants"] = new JsonObject
        {
            ["kinds"] = new JsonArray("emergency"),
            ["earliestStart"] = Today,
            ["expectedStayDays"] = 30,
            ["services"] = new JsonArray("counseling"),
        },
        ["safety"] = new JsonObject
        {
            ["unsafePlaces"] = new JsonArray(new JsonObject { ["latitude"] = 33.96, ["longitude"] = -118.28, ["radiusKm"] = 8 }),
            // Regions, organisations and programs that exist: the service refuses safety input that protects nothing.
            ["unsafeRegions"] = new JsonArray("spa-4"),
            ["unsafeOrganizationIds"] = new JsonArray(OtherProvider.ToString()),
            ["unsafeProgramIds"] = new JsonArray(OtherProgramId.ToString()),
            ["confidentialRequired"] = false,
        },
        ["limit"] = 5,
        ["arriveAt"] = "2026-03-02T22:30:00Z",
    };

    private static JsonObject ReferralBody(Guid program, string reference) => new()
    {
        ["programIds"] = new JsonArray(program.ToString()),
        ["clientReference"] = reference,
        ["household"] = Household(),
    };

    private async Task<Guid> NewProgramAsync(HttpClient shelter, Guid organization)
    {
        var id = await shelter.CreateProgramIdAsync(ProgramBody(organization, $"Fuzz Seeded {++_made}"));
        await (await shelter.PostAvailabilityAsync(id, Bodies.Availability(Bodies.OpenBeds("adults_only", 4000), new JsonObject
        {
            ["householdType"] = "adults_with_children",
            ["openUnits"] = new JsonArray(new JsonObject { ["beds"] = 4, ["cribs"] = 1, ["count"] = 250 }),
        }))).ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    /// <summary>A new pending referral to <paramref name="program"/>, accepted by its shelter if asked.</summary>
    private async Task<Guid> ReferAsync(Guid program, HttpClient? caseManager = null, string? decide = null)
    {
        var created = await (await (caseManager ?? _seeding).PostJsonAsync("/v1/referrals", ReferralBody(program, $"SEED-{++_made}")))
            .ExpectAsync(HttpStatusCode.Created);
        if (decide is not null)
            await (await _app.Client(Shelter).PostJsonAsync($"/v1/referrals/{created.Id()}/{decide}", null)).ExpectAsync(HttpStatusCode.OK);
        return created.Id();
    }

    private async Task<Guid> KeyIdAsync() =>
        (await (await Admin.PostJsonAsync("/v1/api-keys", new JsonObject { ["role"] = "reporter", ["label"] = $"to revoke {++_made}" }))
            .ExpectAsync(HttpStatusCode.Created)).Id();

    /// <summary>Points the organisation's webhook at a closed port on a loopback address of its own (a breaker per address).</summary>
    private async Task<Guid> SetWebhookAsync(Guid organization, string host)
    {
        var body = new JsonObject { ["url"] = $"http://{host}:9/hook", ["secret"] = new string('s', 40) };
        await (await Admin.PutJsonAsync($"/v1/organizations/{organization}/webhook", body)).ExpectAsync(HttpStatusCode.OK);
        return organization;
    }

    /// <summary>An event to the agency that failed its one attempt: a new referral, sent to a closed port.</summary>
    private async Task<Guid> FailedEventAsync(int n)
    {
        await SetWebhookAsync(Agency, $"127.0.{n / 250 % 250 + 1}.{n % 250 + 1}");
        await ReferAsync(ProgramId);
        await _app.Services.GetRequiredService<WebhookDeliveryWorker>().DeliverDueAsync(CancellationToken.None);
        var failed = (await Admin.GetJsonAsync($"/v1/organizations/{Agency}/webhook/deliveries?status=failed&limit=1")).Items();
        return failed.Single().Id("eventId");
    }
}
