using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>The program editor's intake hours and time zone: shown as stored, refused beside their fields, saved as the API saves them.</summary>
public sealed class ConsoleIntakeHoursTests(DatabaseEngine engine) : HousingTest(engine)
{
    [Test]
    public async Task TheEditorShowsIntakeHoursRefusesBadOnesBesideTheirRowAndSavesGoodOnes()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["timeZone"] = "America/New_York";
        body["intakeHours"] = new JsonArray(new JsonObject { ["days"] = new JsonArray("fri", "sat"), ["opens"] = "20:00", ["closes"] = "02:00" });
        var program = await shelter.Client.CreateProgramIdAsync(body);
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);

        var editor = await browser.GetPageAsync($"/admin/programs/{program}");
        var form = PageForm.Of(editor, "class=\"editor\"");
        Assert.That(form["Form.TimeZone"], Is.EqualTo("America/New_York"));
        Assert.That(form.Fields.Where(f => f.Key == "Form.IntakeWindows[0].Days").Select(f => f.Value), Is.EqualTo(new[] { "fri", "sat" }));
        Assert.That((form["Form.IntakeWindows[0].Opens"], form["Form.IntakeWindows[0].Closes"]), Is.EqualTo(("20:00", "02:00")));
        Assert.That(editor, Does.Contain("name=\"Form.IntakeWindows[2].Opens\"").And.Not.Contain("Form.IntakeWindows[3]"), "two blank rows to fill");
        Assert.That(editor, Does.Contain(">Monday<").And.Contain(">Sunday<"));

        // Row 2 left blank, row 3 filled wrongly: the mistake is shown beside row 3, and nothing is written.
        var bad = form.Set("Form.TimeZone", "Mars/Olympus_Mons").Set("Form.IntakeWindows[2].Days", "mon").Set("Form.IntakeWindows[2].Opens", "25:00")
            .Set("Form.IntakeWindows[2].Closes", "08:00");
        var refused = await browser.PostFormAsync($"/admin/programs/{program}", editor, bad.Fields);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page, Does.Contain("<p class=\"error\" id=\"error-intakeHours-2-opens\">Use 24-hour time, such as 22:00."));
        Assert.That(page, Does.Contain("<p class=\"error\" id=\"error-timeZone\">Not a time zone this service knows"));
        Assert.That(page, Does.Contain("Hours 3: Opens"), "the summary names the row as the page numbers it");
        Assert.That((int?)(await shelter.Client.GetJsonAsync($"/v1/programs/{program}"))["version"], Is.EqualTo(1));

        var good = form.Set("Form.TimeZone", "America/Los_Angeles").Set("Form.IntakeWindows[2].Days", "mon", "tue").Set("Form.IntakeWindows[2].Opens", "08:00")
            .Set("Form.IntakeWindows[2].Closes", "21:00");
        var saved = await browser.PostFormAsync($"/admin/programs/{program}", editor, good.Fields);
        Assert.That(saved.RequestMessage!.RequestUri!.PathAndQuery, Does.EndWith("?done=saved"));
        var stored = await shelter.Client.GetJsonAsync($"/v1/programs/{program}");
        Assert.That((string?)stored["timeZone"], Is.EqualTo("America/Los_Angeles"));
        Assert.That(stored["intakeHours"]!.ToJsonString(), Is.EqualTo("""[{"days":["fri","sat"],"opens":"20:00","closes":"02:00"},{"days":["mon","tue"],"opens":"08:00","closes":"21:00"}]"""));

        // Every row emptied: intake at any hour again.
        var cleared = PageForm.Of(await browser.GetPageAsync($"/admin/programs/{program}"), "class=\"editor\"");
        foreach (var row in new[] { 0, 1 })
        {
            cleared = cleared.Set($"Form.IntakeWindows[{row}].Days").Set($"Form.IntakeWindows[{row}].Opens", "").Set($"Form.IntakeWindows[{row}].Closes", "");
        }
        await browser.PostFormAsync($"/admin/programs/{program}", editor, cleared.Fields);
        Assert.That((await shelter.Client.GetJsonAsync($"/v1/programs/{program}"))["intakeHours"]!.AsArray(), Is.Empty);
    }
}
