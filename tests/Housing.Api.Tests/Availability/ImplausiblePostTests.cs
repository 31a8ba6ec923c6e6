using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Availability;

/// <summary>
/// Posts that cannot be true are refused, naming the field and the inventory it exceeds; the
/// count stays as it was. (Counts that change too often are saved but flagged: FlappingTests.)
/// </summary>
public sealed class ImplausiblePostTests(DatabaseEngine engine) : HousingTest(engine)
{
    [TestCase("beds", 21, "More than today's inventory allows: the program has 20 beds for adults without children today.")]
    [TestCase("units", 1, "More than today's inventory allows: the program has 0 units for adults without children today.")]
    public async Task MoreOpenThanTodaysInventoryIsRefusedNamingTheFieldAndTheInventory(string field, int open, string message)
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 2))).ExpectAsync(HttpStatusCode.OK);

        var body = field == "beds" ? Bodies.OpenBeds(open, 2) : Bodies.Availability(Bodies.OpenBeds("adults_only", 3, units: open), Bodies.OpenBeds("adults_with_children", 2));
        var problem = await (await shelter.Client.PostAvailabilityAsync(id, body)).ExpectProblemAsync(HttpStatusCode.BadRequest, $"counts[0].{field}");

        Assert.That(problem["errors"]![$"counts[0].{field}"]!.AsArray().Select(m => (string?)m), Is.EqualTo(new[] { message }));
        var latest = await shelter.Client.GetJsonAsync($"/v1/programs/{id}/availability");
        Assert.That((int?)latest["counts"]![0]!["beds"], Is.EqualTo(3), "nothing was stored");
    }

    [Test]
    public async Task TheRefusalNamesTheInventoryInSpanish()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.RapidRehousing(shelter.OrganizationId));
        shelter.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var problem = await (await shelter.Client.PostAvailabilityAsync(id, Bodies.Availability(
            Bodies.OpenSlots("adults_only", 16), Bodies.OpenSlots("adults_with_children", 0)))).ExpectProblemAsync(HttpStatusCode.BadRequest, "counts[0].slots");

        Assert.That((string?)problem["errors"]!["counts[0].slots"]![0],
            Is.EqualTo("Más de lo que permite el inventario: el programa tiene 15 plazas para adultos sin niños hoy."));
    }
}
