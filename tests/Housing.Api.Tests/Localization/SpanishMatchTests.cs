using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Localization;

/// <summary>
/// A search asked for in Spanish (Accept-Language: es) answers its reasons, summary, why-not
/// sentences and next steps in Spanish, with every code as it is in English; the next search in
/// English is in English again, though the two share the engine's cached text.
/// </summary>
public sealed class SpanishMatchTests(DatabaseEngine engine) : HousingTest(engine)
{
    private HttpClient _caseManager = null!;
    private Guid _shelter;

    [SetUp]
    public async Task AShelterForWomenAndOneThatIsFull()
    {
        var shelter = await App.NewShelterAsync();
        _shelter = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(_shelter, Bodies.OpenBeds(2, 5))).ExpectAsync(HttpStatusCode.OK);
        var full = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, "Full House"));
        await (await shelter.Client.PostAvailabilityAsync(full, Bodies.OpenBeds(0, 0))).ExpectAsync(HttpStatusCode.OK);
        _caseManager = await App.ClientForRoleAsync("case_manager", await Admin.CreateOrganizationAsync("Pacific Coalition", "agency"));
    }

    private static JsonObject Woman() =>
        Search(Household(Adult(31, "woman")).With("languages", Array("es")).With("trafficking", "sex"), wants: new JsonObject { ["services"] = Array("counseling") }, limit: 5);

    private async Task<(JsonNode Outcome, HttpResponseMessage Response)> MatchInAsync(string? language, JsonObject body, bool explain = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, explain ? "/v1/matches?explain=true" : "/v1/matches") { Content = JsonContent(body) };
        if (language is not null) request.Headers.Add("Accept-Language", language);
        var response = await _caseManager.SendAsync(request);
        return (await response.ExpectAsync(HttpStatusCode.OK), response);
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    [Test]
    public async Task ReasonsSummaryAndWhyNotAreInSpanishWithTheCodesUnchanged()
    {
        var (outcome, response) = await MatchInAsync("es-MX,es;q=0.9", Woman(), explain: true);

        Assert.That(response.Content.Headers.ContentLanguage, Is.EqualTo(new[] { "es" }));
        var match = outcome.MatchFor(_shelter)!;
        var reasons = Strings(match["reasons"]);
        Assert.That(reasons, Does.Contain("2 camas libres para adultos sin niños; este hogar necesita 1."));
        Assert.That(reasons, Does.Contain("Conteo publicado hace un momento (reciente)."));
        Assert.That(reasons, Does.Contain("Atiende a mujeres, según como se identifique cada persona."));
        Assert.That(reasons, Does.Contain("El personal habla español."));
        Assert.That(reasons, Does.Contain("Ofrece consejería."));
        Assert.That(reasons, Does.Contain("Nota: toque de queda a las 22:00."));
        Assert.That((string?)outcome["summary"], Is.EqualTo("1 programa puede recibir ahora a todo el hogar. Excluidos: 1 sin cupo."));
        Assert.That((string?)outcome["excludedByReason"]![0]!["code"], Is.EqualTo("full"), "codes stay codes");
        Assert.That((string?)outcome["excludedByReason"]![0]!["summary"], Is.EqualTo("1 sin cupo"));
        var whyNot = outcome["excludedPrograms"]![0]!["reasons"]![0]!;
        Assert.That((string?)whyNot["code"], Is.EqualTo("full"));
        Assert.That((string?)whyNot["sentence"], Is.EqualTo("No tiene ahora suficientes camas (o cupos) libres para todo el hogar."));
        Assert.That((string?)match["capacity"]!["householdType"], Is.EqualTo("adults_only"));
    }

    [Test]
    public async Task EnglishAndSpanishSearchesTakeTurnsWithoutMixing()
    {
        foreach (var language in new[] { "es", null, "es", "en-US" })
        {
            var (outcome, _) = await MatchInAsync(language, Woman());
            var reasons = Strings(outcome.MatchFor(_shelter)!["reasons"]);

            if (language == "es") Assert.That(reasons, Has.Some.StartsWith("Atiende a mujeres").And.None.StartsWith("Serves women"), "Spanish after English");
            else Assert.That(reasons, Has.Some.StartsWith("Serves women").And.None.StartsWith("Atiende a mujeres"), "English after Spanish");
        }
    }

    [Test]
    public async Task NextStepsAreInSpanish()
    {
        var body = Woman();
        body["limit"] = 5;

        var (outcome, _) = await MatchInAsync("es", body);

        Assert.That((string?)outcome["nextSteps"]!["summary"], Does.StartWith("1 programa más recibiría a este hogar si tuviera lugar"));
        Assert.That(outcome["nextSteps"]!["offers"]!.AsArray().Select(o => (string?)o!["action"]), Is.EqualTo(new[] { "ask", "watch" }));
        Assert.That((string?)outcome["nextSteps"]!["offers"]![1]!["summary"], Does.StartWith("Deje una alerta"));
    }

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(s => (string)s!).ToList();
}
