using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Housing.Api.Tests.Security;

/// <summary>
/// Logs are read by more people, and kept longer, than the database: a whole scenario, logged at
/// every level, must leave in them no API key, no confidential address or coordinates, no client
/// reference, no webhook secret, no unsafe place, and nothing a person signs in with (the link's
/// token, the password, the authenticator key, a recovery code).
/// </summary>
public class LogScanTests(DatabaseEngine engine) : WebhookTest(engine)
{
    private const string ClientReference = "PCAT-LOGSCAN-7731";
    private const string UnsafeLatitude = "34.271828";
    private readonly CapturedLogs _logs = new();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>(FastDelivery())
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Npgsql"] = "Trace",
    };

    protected override Action<IServiceCollection>? Services => services =>
    {
        services.AddSingleton<ILoggerProvider>(_logs);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace));
    };

    [Test]
    public async Task AFullScenarioLogsNoKeyAddressClientReferenceSecretOrUnsafePlace()
    {
        var secrets = new List<string> { HousingApp.AdminKey, Bodies.ConfidentialAddress, "34.0187", ClientReference, ShelterSecret, AgencySecret, UnsafeLatitude };
        // On PostgreSQL, the database password too (Npgsql logs into the app's logs).
        if (App.Database is PostgresTestDatabase postgres && postgres.Password is { Length: >= 8 } password) secrets.Add(password);

        var shelterOrg = await Admin.CreateOrganizationAsync("Safe Haven");
        var shelterKey = await Admin.IssueKeyAsync("shelter", shelterOrg);
        var agencyOrg = await Admin.CreateOrganizationAsync("Hotline", "agency");
        var caseManagerKey = await Admin.IssueKeyAsync("case_manager", agencyOrg);
        secrets.AddRange([shelterKey, caseManagerKey]);
        var shelter = App.Client(shelterKey);
        var caseManager = App.Client(caseManagerKey);

        var programId = await shelter.CreateProgramIdAsync(Bodies.ConfidentialEmergency(shelterOrg));
        await (await shelter.PostAvailabilityAsync(programId, Bodies.OpenBeds(4, 4))).ExpectAsync(HttpStatusCode.OK);
        await SetWebhookAsync(shelter, shelterOrg, Receiver.Url("/shelter"), ShelterSecret);
        await SetWebhookAsync(caseManager, agencyOrg, Receiver.Url("/agency"), AgencySecret);

        var search = new JsonObject
        {
            ["household"] = SingleWoman(),
            ["safety"] = new JsonObject
            {
                ["unsafePlaces"] = new JsonArray(new JsonObject { ["latitude"] = double.Parse(UnsafeLatitude, System.Globalization.CultureInfo.InvariantCulture), ["longitude"] = -118.9, ["radiusKm"] = 3 }),
            },
        };
        await (await caseManager.PostJsonAsync("/v1/matches?explain=true", search)).ExpectAsync(HttpStatusCode.OK);
        // A watch keeps the same safety beyond the search: making it, acting on it and ending it log none of it.
        var watch = search.DeepClone().AsObject();
        watch["clientReference"] = ClientReference;
        var watchId = (await (await caseManager.PostJsonAsync("/v1/watches", watch)).ExpectAsync(HttpStatusCode.Created)).Id();
        await App.Services.GetRequiredService<Housing.Api.Watches.WatchWorker>().PassAsync(sync: true, CancellationToken.None);
        await (await caseManager.PostAsync($"/v1/watches/{watchId}/cancel", null)).ExpectAsync(HttpStatusCode.OK);

        var referral = await ReferAsync(caseManager, Referral(SingleWoman(), ClientReference, programId));
        var referralId = referral.Id();
        await ActOkAsync(shelter, referralId, "accept");
        await (await caseManager.GetAsync($"/v1/referrals/{referralId}/placement")).ExpectAsync(HttpStatusCode.OK);
        await DeliverUntilSettledAsync();

        // Mistakes log too: a wrong key, a key in the query string, a body the parser refuses.
        var wrongKey = caseManagerKey[..^4] + "AAAA";
        secrets.Add(wrongKey);
        await App.Client(wrongKey).GetAsync("/v1/programs");
        await App.Client(null).GetAsync($"/v1/programs?apiKey={caseManagerKey}");
        await caseManager.PostAsync("/v1/referrals", new StringContent(
            $$$"""{"clientReference":"{{{ClientReference}}}","programIds":[1],"household":{"members":[]}}""", Encoding.UTF8, "application/json"));
        await caseManager.PostAsync("/v1/matches", new StringContent(
            $$$"""{"household":{"members":[{"role":"adult","age":30}]},"safety":{"unsafePlaces":[{"latitude":"{{{UnsafeLatitude}}}"}]}}""", Encoding.UTF8, "application/json"));

        // A person's way in: the link's token, the password, the authenticator key and a recovery code, none logged.
        var (personId, link) = await Infrastructure.PersonSignIns.InviteAsync(Admin, "log.scan@example.org", "case_manager", agencyOrg);
        var browser = new ConsoleBrowser(App.CreateClient());
        await Infrastructure.PersonSignIns.SetPasswordAsync(browser, link);
        await Infrastructure.PersonSignIns.PostPasswordAsync(browser, "log.scan@example.org");
        var (totpSecret, recoveryCodes) = await Infrastructure.PersonSignIns.TurnOnCodesAsync(browser, App);
        await Infrastructure.PersonSignIns.PostPasswordAsync(new ConsoleBrowser(App.CreateClient()), "log.scan@example.org", "a wrong password, logged nowhere");
        secrets.AddRange([new Uri(link).Query["?token=".Length..], Infrastructure.PersonSignIns.Password, "a wrong password, logged nowhere", totpSecret, recoveryCodes[0]]);
        Assert.That(personId, Is.Not.EqualTo(Guid.Empty));

        // The scan would see a leak: a value logged through the app's own logging shows up.
        App.Services.GetRequiredService<ILogger<LogScanTests>>().LogDebug("Canary {Value}", "canary-4c1d");
        var lines = _logs.Lines;
        Assert.That(lines, Has.Some.Contains("canary-4c1d"), "the capture sees what the app logs");
        Assert.That(lines.Count, Is.GreaterThan(30), "the scan reads a real log");
        Assert.That(lines, Has.Some.Contains("/v1/referrals"), "requests were logged");
        foreach (var secret in secrets)
            Assert.That(lines.Where(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList(), Is.Empty, $"no log line contains {secret[..Math.Min(8, secret.Length)]}…");
    }
}
