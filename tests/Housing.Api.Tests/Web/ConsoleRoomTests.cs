using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>
/// Family rooms in the console, without JavaScript: the program editor gives and keeps the rooms
/// by size (saving an edit never turns a program that houses by room into one that houses by
/// bed), and the shelter's page counts free rooms size by size.
/// </summary>
public sealed class ConsoleRoomTests(DatabaseEngine engine) : HousingTest(engine)
{
    private const string Families = "adults_with_children";

    [Test]
    public async Task TheEditorSavesRoomsBySizeAndKeepsThemWhenTheProgramIsEditedAgain()
    {
        var shelter = await App.NewShelterAsync();
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);

        var edit = await browser.GetPageAsync($"/admin/programs/{program}");
        Assert.That(edit, Does.Contain("Family rooms by size").And.Contain("name=\"Form.Rooms[1].Cribs\""));
        var form = PageForm.Of(edit, "class=\"editor\"")
            .Set("Form.Rooms[0].HouseholdType", Families).Set("Form.Rooms[0].Beds", "4").Set("Form.Rooms[0].Count", "2")
            .Set("Form.Rooms[1].HouseholdType", Families).Set("Form.Rooms[1].Beds", "2").Set("Form.Rooms[1].Cribs", "1").Set("Form.Rooms[1].Count", "9");
        var refused = await (await browser.PostFormAsync($"/admin/programs/{program}", edit, form.Fields)).Content.ReadAsStringAsync();
        Assert.That(refused, Does.Contain("more than the inventory counts (4 units, 12 beds)"), "12 family beds in 4 units: 11 rooms are too many");

        form = PageForm.Of(refused, "class=\"editor\"").Set("Form.Rooms[1].Count", "2").Set("Form.AdjoiningUnits", "2");
        var saved = await browser.PostFormAsync($"/admin/programs/{program}", refused, form.Fields);
        Assert.That(saved.RequestMessage!.RequestUri!.Query, Is.EqualTo("?done=saved"), await saved.Content.ReadAsStringAsync());
        var stored = await Admin.GetJsonAsync($"/v1/programs/{program}");
        Assert.That(stored["unitSizes"]!.AsArray().Select(u => ((int)u!["beds"]!, (int)u["cribs"]!, (int)u["count"]!)),
            Is.EqualTo(new[] { (4, 0, 2), (2, 1, 2) }));
        Assert.That((int?)stored["adjoiningUnits"], Is.EqualTo(2));

        // Another edit that does not touch the rooms keeps them.
        var again = await browser.GetPageAsync($"/admin/programs/{program}");
        var renamed = PageForm.Of(again, "class=\"editor\"").Set("Form.Name", "Harbor House Family Rooms");
        await browser.PostFormAsync($"/admin/programs/{program}", again, renamed.Fields);
        var kept = await Admin.GetJsonAsync($"/v1/programs/{program}");
        Assert.That(((string?)kept["name"], kept["unitSizes"]!.AsArray().Count, (int?)kept["adjoiningUnits"]), Is.EqualTo(("Harbor House Family Rooms", 2, 2)));
    }

    [Test]
    public async Task TheShelterCountsFreeRoomsSizeBySize()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["unitSizes"] = new JsonArray(
            new JsonObject { ["householdType"] = Families, ["beds"] = 4, ["cribs"] = 0, ["count"] = 2 },
            new JsonObject { ["householdType"] = Families, ["beds"] = 2, ["cribs"] = 1, ["count"] = 2 });
        var program = await shelter.Client.CreateProgramIdAsync(body);
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", shelter.OrganizationId));

        var page = await browser.GetPageAsync("/shelter");
        Assert.That(page, Does.Contain("Rooms free now with 4 beds").And.Contain("Rooms free now with 2 beds and a crib"));
        var typed = new Dictionary<string, string>
        {
            ["programId"] = program.ToString(),
            ["householdType"] = Families,
            ["field"] = "room-2-1",
            ["value"] = "1",
            ["basedOn"] = "",
        };
        var saved = await browser.PostFormAsync("/shelter?handler=Set", page, typed);
        var after = await saved.Content.ReadAsStringAsync();
        Assert.That(after, Does.Contain("Saved: the new count is posted").And.Contain("Rooms offered: 1 (1 × 2 beds and a crib)."));
        var counts = (await shelter.Client.GetJsonAsync($"/v1/programs/{program}/availability"))["counts"]!.AsArray()
            .Single(c => (string?)c!["householdType"] == Families)!;
        Assert.That(((int)counts["open"]!, counts["openUnits"]!.ToJsonString()), Is.EqualTo((2, """[{"beds":2,"cribs":1,"count":1}]""")));

        typed["value"] = "3";
        typed["basedOn"] = "1";
        var tooMany = await (await browser.PostFormAsync("/shelter?handler=Set", after, typed)).Content.ReadAsStringAsync();
        Assert.That(tooMany, Does.Contain("At most 2"), "the program has two rooms of this size");
    }
}
