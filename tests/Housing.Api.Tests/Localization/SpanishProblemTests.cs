using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;

namespace Housing.Api.Tests.Localization;

/// <summary>
/// A problem answers in the request's language: with Accept-Language: es its title, detail and
/// field messages are Spanish, and everything a client branches on (status, type, the fields
/// the errors are keyed by) is what the same request gets in English. Without the header it
/// stays English, word for word as before.
/// </summary>
public sealed class SpanishProblemTests(DatabaseEngine engine) : ReferralTest(engine)
{
    // A small anonymous bucket, so a 429 comes quickly without a key; keys keep their usual limits.
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["RateLimits:AnonymousPerSecond"] = "1",
        ["RateLimits:AnonymousBurst"] = "3",
    };

    /// <summary>The same request in English and in Spanish: the Spanish answer, after checking both agree on everything but words.</summary>
    private static async Task<JsonNode> InBothAsync(HttpClient client, Func<HttpRequestMessage> request, HttpStatusCode status)
    {
        var english = await (await client.SendAsync(request())).ExpectProblemAsync(status);
        var asked = request();
        asked.Headers.TryAddWithoutValidation("Accept-Language", "es");
        var answer = await client.SendAsync(asked);
        var spanish = await answer.ExpectProblemAsync(status);

        Assert.That(answer.Content.Headers.ContentLanguage, Is.EqualTo(new[] { "es" }));
        Assert.That((string?)spanish["type"], Is.EqualTo((string?)english["type"]), "the type a client branches on");
        Assert.That((int?)spanish["status"], Is.EqualTo((int?)english["status"]));
        Assert.That(spanish.ErrorFields(), Is.EqualTo(english.ErrorFields()), "errors keyed by the same fields");
        Assert.That((string?)spanish["title"], Is.Not.EqualTo((string?)english["title"]), "the title is translated");
        if (english["detail"] is not null)
            Assert.That((string?)spanish["detail"], Is.Not.EqualTo((string?)english["detail"]), "the detail is translated");
        foreach (var field in english.ErrorFields())
            Assert.That((string?)spanish["errors"]![field]![0], Is.Not.EqualTo((string?)english["errors"]![field]![0]), field);
        return spanish;
    }

    private static Func<HttpRequestMessage> Get(string url) => () => new HttpRequestMessage(HttpMethod.Get, url);

    private static Func<HttpRequestMessage> Send(HttpMethod method, string url, string json, string? ifMatch = null) => () =>
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    };

    private static string Error(JsonNode problem, string field) => (string)problem["errors"]![field]![0]!;

    [Test]
    public async Task MalformedJsonIsSpanish()
    {
        var problem = await InBothAsync(Admin, Send(HttpMethod.Post, "/v1/programs", "{\"name\": "), HttpStatusCode.BadRequest);

        Assert.That((string?)problem["type"], Is.EqualTo("/problems/malformed-request"));
        Assert.That((string?)problem["title"], Is.EqualTo("Solicitud mal formada"));
        Assert.That((string?)problem["detail"], Is.EqualTo("JSON mal formado."));
    }

    [Test]
    public async Task ASearchWithAnUnknownZipCodeAndABadAgeIsRefusedInSpanish()
    {
        var caseManager = (await NewAgencyAsync()).CaseManager;
        var body = new JsonObject
        {
            ["household"] = Household(Member("adult", 130, "woman")),
            ["safety"] = new JsonObject { ["unsafePlaces"] = new JsonArray(new JsonObject { ["zipCode"] = "10001", ["radiusKm"] = 5 }) },
        };

        var problem = await InBothAsync(caseManager, Send(HttpMethod.Post, "/v1/matches", body.ToJsonString()), HttpStatusCode.BadRequest);

        Assert.That((string?)problem["title"], Is.EqualTo("Hay uno o más errores de validación."));
        Assert.That(Error(problem, "household.members[0].age"), Does.StartWith("Debe estar entre 0 y "));
        Assert.That(Error(problem, "safety.unsafePlaces[0].zipCode"),
            Is.EqualTo("Este servicio no conoce el código postal 10001: cubre CA. Revise el número o indique la latitud y la longitud del lugar."));
    }

    [Test]
    public async Task NotFoundIsSpanishWhetherAHandlerOrTheRouterSaysIt()
    {
        var program = await InBothAsync(Admin, Get($"/v1/programs/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.That((string?)program["title"], Is.EqualTo("No encontrado"));
        Assert.That((string?)program["detail"], Is.EqualTo("Esta clave no puede ver ningún programa con ese id."));

        var route = await InBothAsync(Admin, Get("/v1/nothing-here"), HttpStatusCode.NotFound);
        Assert.That((string?)route["title"], Is.EqualTo("No encontrado"));
    }

    [Test]
    public async Task AConflictIsSpanish()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 1);
        var id = (await ReferAsync(agency.CaseManager, Referral(program.Id))).Id();

        var problem = await InBothAsync(agency.CaseManager, Get($"/v1/referrals/{id}/placement"), HttpStatusCode.Conflict);

        Assert.That((string?)problem["type"], Is.EqualTo("/problems/not-accepted"));
        Assert.That((string?)problem["title"], Is.EqualTo("Aún no aceptado"));
        Assert.That((string?)problem["detail"], Is.EqualTo("Los datos de la colocación se entregan solo después de que el albergue acepta."));
    }

    [Test]
    public async Task AStaleVersionIsSpanish()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PutJsonAsync($"/v1/programs/{id}", Bodies.Emergency(shelter.OrganizationId, "First edit"), "\"1\"")).ExpectAsync(HttpStatusCode.OK);

        var problem = await InBothAsync(shelter.Client,
            Send(HttpMethod.Put, $"/v1/programs/{id}", Bodies.Emergency(shelter.OrganizationId, "Colleague's edit").ToJsonString(), "\"1\""),
            HttpStatusCode.PreconditionFailed);

        Assert.That((string?)problem["type"], Is.EqualTo("/problems/stale-version"));
        Assert.That((string?)problem["title"], Is.EqualTo("El recurso ha cambiado"));
        Assert.That((string?)problem["detail"], Is.EqualTo("El programa está en la versión 2; léalo de nuevo y vuelva a aplicar su cambio."));
    }

    [Test]
    public async Task NoKeyIsSpanish()
    {
        var problem = await InBothAsync(App.Client(null), Get("/v1/programs"), HttpStatusCode.Unauthorized);

        Assert.That((string?)problem["title"], Is.EqualTo("No autorizado"));
        Assert.That((string?)problem["detail"], Is.EqualTo("Envíe su clave de API en el encabezado X-Api-Key."));
    }

    [Test]
    public async Task TooManyRequestsIsSpanish()
    {
        var anonymous = App.Client(null);
        for (var i = 0; i < 3; i++) await anonymous.GetAsync("/v1/programs");
        var asked = new HttpRequestMessage(HttpMethod.Get, "/v1/programs");
        asked.Headers.TryAddWithoutValidation("Accept-Language", "es");

        var problem = await (await anonymous.SendAsync(asked)).ExpectProblemAsync(HttpStatusCode.TooManyRequests);

        Assert.That((string?)problem["type"], Is.EqualTo("/problems/rate-limited"));
        Assert.That((string?)problem["title"], Is.EqualTo("Demasiadas solicitudes"));
        Assert.That((string?)problem["detail"], Does.StartWith("Esta clave (o dirección) envió más solicitudes de las permitidas."));
    }

    [Test]
    public async Task AProblemTypesPageIsSpanishForASpanishReader()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/problems/not-accepted");
        request.Headers.TryAddWithoutValidation("Accept-Language", "es");

        var page = WebUtility.HtmlDecode(await (await App.Client(null).SendAsync(request)).Content.ReadAsStringAsync());

        Assert.That(page, Does.Contain("<html lang=\"es\">").And.Contain("<h1>not-accepted</h1>")
            .And.Contain("Los datos de la colocación se entregan solo después de que el albergue acepta el referido."));
    }

    [Test]
    public async Task WithoutTheHeaderAProblemStaysEnglish()
    {
        var problem = await (await Admin.GetAsync($"/v1/programs/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound);

        Assert.That((string?)problem["title"], Is.EqualTo("Not found"));
        Assert.That((string?)problem["detail"], Is.EqualTo("No program with that id is visible to this key."));
    }
}
