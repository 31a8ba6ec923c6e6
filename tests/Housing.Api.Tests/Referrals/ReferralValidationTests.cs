using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Referrals;

/// <summary>
/// A referral carries a pseudonymous reference and the household's needs, nothing else: every
/// mistake is a 400 that names the field, and nothing is written or held.
/// </summary>
public sealed class ReferralValidationTests(DatabaseEngine engine) : ReferralTest(engine)
{
    public static IEnumerable<TestCaseData> BadReferrals()
    {
        yield return Bad("a client reference that looks like a name", (b, _) => b["clientReference"] = "Maria Lopez", "clientReference");
        yield return Bad("no client reference", (b, _) => b.Remove("clientReference"), "clientReference");
        yield return Bad("a client reference over 40 characters", (b, _) => b["clientReference"] = new string('x', 41), "clientReference");
        yield return Bad("an e-mail address as client reference", (b, _) => b["clientReference"] = "maria@example.org", "clientReference");
        yield return Bad("the client's name in a field of its own", (b, _) => b["name"] = "Maria Lopez", "name");
        yield return Bad("a birth date in the household", (b, _) => b["household"]!["dateOfBirth"] = "1990-01-01", "household.dateOfBirth");
        yield return Bad("a phone number on a member", (b, _) => b["household"]!["members"]![0]!["phone"] = "+1 213 555 0101", "household.members[0].phone");
        yield return Bad("no programs", (b, _) => b["programIds"] = new JsonArray(), "programIds");
        yield return Bad("programIds missing", (b, _) => b.Remove("programIds"), "programIds");
        yield return Bad("eleven programs", (b, p) => b["programIds"] = Ids(Enumerable.Repeat(p, 1).Concat(Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()))), "programIds");
        yield return Bad("the same program twice", (b, p) => b["programIds"] = Ids([p, p]), "programIds");
        yield return Bad("a program that does not exist", (b, p) => b["programIds"] = Ids([p, Guid.NewGuid()]), "programIds[1]");
        yield return Bad("a program id that is not a uuid", (b, _) => b["programIds"] = new JsonArray("harbor-house"), "programIds[0]");
        yield return Bad("no household", (b, _) => b.Remove("household"), "household");
        yield return Bad("a household of nobody", (b, _) => b["household"]!["members"] = new JsonArray(), "household.members");
        yield return Bad("an adult aged 15", (b, _) => b["household"]!["members"]![0]!["age"] = 15, "household.members[0].age");
        yield return Bad("a child aged 19", (b, _) => b["household"]!["members"]!.AsArray().Add(Child(19)), "household.members[1].age");
        yield return Bad("a member without a role", (b, _) => b["household"]!["members"]![0]!.AsObject().Remove("role"), "household.members[0].role");
        yield return Bad("an unknown gender", (b, _) => b["household"]!["members"]![0]!["genders"] = new JsonArray("female"), "household.members[0].genders[0]");
        yield return Bad("homeless category 5", (b, _) => b["household"]!["homelessCategory"] = 5, "household.homelessCategory");
        yield return Bad("a language that is not a code", (b, _) => b["household"]!["languages"] = new JsonArray("Spanish"), "household.languages");
        yield return Bad("21 people", (b, _) => b["household"]!["members"] = new JsonArray(Enumerable.Range(0, 21).Select(_ => (JsonNode)Woman()).ToArray()), "household.members");
    }

    [TestCaseSource(nameof(BadReferrals))]
    public async Task ABadReferralIsRefusedNamingTheFieldAndNothingIsHeld(Action<JsonObject, Guid> change, string field)
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 3);
        var body = Referral(program.Id);
        change(body, program.Id);

        var response = await PostReferralAsync(agency.CaseManager, body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referrals;"), Is.Zero);
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((3, 0)));
    }

    [Test]
    public async Task AnIdempotencyKeyOver100CharactersIsRefused()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 3);

        var response = await PostReferralAsync(agency.CaseManager, Referral(program.Id), new string('k', 101));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    public static IEnumerable<TestCaseData> BadDeclines()
    {
        yield return new TestCaseData(new JsonObject { ["reason"] = "no_capacity" }, "declinedBy").SetArgDisplayNames("no declinedBy");
        yield return new TestCaseData(new JsonObject { ["declinedBy"] = "provider" }, "reason").SetArgDisplayNames("no reason");
        yield return new TestCaseData(new JsonObject(), "declinedBy").SetArgDisplayNames("empty body");
        yield return new TestCaseData(new JsonObject { ["declinedBy"] = "shelter", ["reason"] = "no_capacity" }, "declinedBy").SetArgDisplayNames("declinedBy shelter");
        yield return new TestCaseData(new JsonObject { ["declinedBy"] = 3, ["reason"] = "no_capacity" }, "declinedBy").SetArgDisplayNames("declinedBy as HUD number");
        yield return new TestCaseData(new JsonObject { ["declinedBy"] = "client", ["reason"] = "too_noisy" }, "reason").SetArgDisplayNames("unpublished reason");
        yield return new TestCaseData(new JsonObject { ["declinedBy"] = "client", ["reason"] = "other", ["text"] = new string('t', 501) }, "text").SetArgDisplayNames("text over 500");
    }

    [TestCaseSource(nameof(BadDeclines))]
    public async Task ADeclineNeedsWhoDeclinedAndAPublishedReason(JsonObject body, string field)
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 3);
        var referral = await ReferAsync(agency.CaseManager, Referral(program.Id));

        var response = await ActAsync(program.Client, referral.Id(), "decline", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.That(Status(await GetReferralAsync(agency.CaseManager, referral.Id())), Is.EqualTo("pending"));
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((2, 1)));
    }

    private static TestCaseData Bad(string name, Action<JsonObject, Guid> change, string field) =>
        new TestCaseData(change, field).SetArgDisplayNames(name);

    private static JsonArray Ids(IEnumerable<Guid> ids) => new(ids.Select(i => (JsonNode)JsonValue.Create(i.ToString())!).ToArray());
}
