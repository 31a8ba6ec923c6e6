using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Housing.Api.Tests.Asks;

/// <summary>
/// An ask from start to finish with real webhooks and every log captured: each party hears what
/// concerns it, and the safety input chooses the programs without being stored, logged or sent.
/// </summary>
public sealed class AskWebhookAndPrivacyTests(DatabaseEngine engine) : WebhookTest(engine)
{
    private const string UnsafeLatitude = "34.271828";
    private readonly CapturedLogs _logs = new();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>(FastDelivery())
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
    };

    protected override Action<IServiceCollection>? Services => services =>
    {
        services.AddSingleton<ILoggerProvider>(_logs);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace));
    };

    private async Task<Referrals.ShelterProgram> FullProgramAsync(string name) => await NewProgramAsync(adultsOpen: 0, familiesOpen: 0, name: name);

    [Test]
    public async Task EachPartyHearsWhatConcernsItAndTheSafetyInputIsNeitherStoredNorLoggedNorSent()
    {
        var first = await FullProgramAsync("Full House");
        var second = await FullProgramAsync("Second Full House");
        var unsafeShelter = await FullProgramAsync("Where He Was Seen");
        var agency = await NewAgencyAsync();
        await SetWebhookAsync(first.Client, first.Shelter.OrganizationId, Receiver.Url("first"), ShelterSecret);
        await SetWebhookAsync(second.Client, second.Shelter.OrganizationId, Receiver.Url("second"), ShelterSecret);
        await SetWebhookAsync(unsafeShelter.Client, unsafeShelter.Shelter.OrganizationId, Receiver.Url("unsafe"), ShelterSecret);
        await SetWebhookAsync(agency.CaseManager, agency.Id, Receiver.Url("agency"), AgencySecret);
        var unsafeOrganization = unsafeShelter.Shelter.OrganizationId.ToString();

        var body = new JsonObject
        {
            ["household"] = Household(Woman()),
            ["clientReference"] = "PCAT-ASK-1",
            ["safety"] = new JsonObject
            {
                ["unsafePlaces"] = new JsonArray(new JsonObject { ["latitude"] = double.Parse(UnsafeLatitude, System.Globalization.CultureInfo.InvariantCulture), ["longitude"] = -118.2801, ["radiusKm"] = 5 }),
                ["unsafeOrganizationIds"] = new JsonArray(unsafeOrganization),
            },
        };
        var ask = await (await agency.CaseManager.PostJsonAsync("/v1/asks", body)).ExpectAsync(HttpStatusCode.Created);
        Assert.That(ask["programs"]!.AsArray().Select(l => l!.Id("programId")), Is.EquivalentTo(new[] { first.Id, second.Id }),
            "never a program of an organisation marked unsafe");
        await DeliverUntilSettledAsync();
        Assert.That(Types("first"), Is.EqualTo(new[] { "ask.created" }));
        Assert.That(Types("second"), Is.EqualTo(new[] { "ask.created" }));
        Assert.That(Types("unsafe"), Is.Empty);
        var created = JsonNode.Parse(Receiver.Delivered("first").Single().Body)!;
        Assert.That(created["data"]!.Id("askId"), Is.EqualTo(ask.Id()));
        Assert.That(created["data"]!.Id("programId"), Is.EqualTo(first.Id));
        Assert.That(created["data"]!["expiresAt"], Is.Not.Null);

        await (await first.Client.PostJsonAsync($"/v1/asks/{ask.Id()}/programs/{first.Id}/answer", new JsonObject { ["answer"] = "yes" }))
            .ExpectAsync(HttpStatusCode.OK);
        await DeliverUntilSettledAsync();
        Assert.That(Types("second"), Is.EqualTo(new[] { "ask.created", "ask.withdrawn" }));
        Assert.That(Types("first"), Is.EqualTo(new[] { "ask.created" }), "the shelter that said yes needs no word of its own answer: " + string.Join(", ", Types("first")));
        Assert.That(Types("agency"), Is.EquivalentTo(new[] { "referral.accepted", "ask.answered" }));

        // Nothing of the safety input anywhere: the ask's rows, its views, the events, the logs.
        var rows = await QueryAsync<string>("""
            SELECT id || agency_id || created_by || client_reference || household_json || status FROM asks
            UNION ALL SELECT ask_id || program_id || status FROM ask_programs
            UNION ALL SELECT payload_json FROM outbox
            UNION ALL SELECT household_json FROM referrals
            """);
        var views = (await agency.CaseManager.GetJsonAsync($"/v1/asks/{ask.Id()}")).ToJsonString()
            + (await second.Client.GetJsonAsync($"/v1/asks/{ask.Id()}")).ToJsonString();
        var everything = string.Join("\n", rows.Concat([views]).Concat(Receiver.Calls.Select(c => c.Body)));
        Assert.That(everything, Does.Not.Contain(UnsafeLatitude));
        Assert.That(everything, Does.Not.Contain("271828"));
        Assert.That(everything, Does.Not.Contain("unsafe").IgnoreCase);
        Assert.That(rows.Where(r => r.Contains("ask.")), Has.None.Contains(unsafeOrganization));
        Assert.That(_logs.Lines, Is.Not.Empty);
        Assert.That(_logs.Lines, Has.None.Contains("271828"));
        // (The unsafe organisation's id is in the log of its own shelter's requests, so only the ask's lines are held to it.)
        Assert.That(_logs.Lines.Where(l => l.Contains("/v1/asks")), Is.Not.Empty.And.None.Contains(unsafeOrganization));
        Assert.That(_logs.Lines, Has.None.Contains("PCAT-ASK-1"));
    }

    private IReadOnlyList<string?> Types(string path) => Receiver.Delivered(path).Select(c => c.EventType).ToList();
}
