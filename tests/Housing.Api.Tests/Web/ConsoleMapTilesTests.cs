using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>
/// Base tiles come only from the tile server a deployment chose: the pages' content security
/// policy lets its images in, and no other's; without one (the default) no image leaves the service.
/// </summary>
public sealed class ConsoleMapTilesTests(DatabaseEngine engine) : HousingTest(engine)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Console:MapTiles"] = "https://{s}.tiles.example.org/{z}/{x}/{y}.png",
        ["Console:MapAttribution"] = "© Example contributors",
    };

    [Test]
    public async Task TheConfiguredTileServerIsTheOnlyOtherPlaceImagesMayComeFrom()
    {
        var agency = await Admin.CreateOrganizationAsync("Pacific Coalition", "agency");
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency));

        var response = await browser.Client.GetAsync("/search");

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.That(policy, Does.Contain("img-src 'self' data: https://*.tiles.example.org;"));
        Assert.That(policy, Does.Contain("connect-src 'self';"), "the tiles are images, nothing else");
        var page = await response.Content.ReadAsStringAsync();
        Assert.That(page, Does.Contain("https://{s}.tiles.example.org/{z}/{x}/{y}.png"));
    }

    [Test]
    public void ATileServerThatIsNotAnHttpsTemplateStopsTheServiceAtStart()
    {
        using var app = new HousingApp(App.Database, new Dictionary<string, string?> { ["Console:MapTiles"] = "http://tiles.example.org/tile.png" });

        var failure = Assert.Catch(() => app.CreateClient());

        Assert.That(failure!.ToString(), Does.Contain("Console:MapTiles is an https:// URL template"));
    }
}

/// <summary>Without a tile server, a console page lets in images from the service alone.</summary>
public sealed class ConsoleNoMapTilesTests(DatabaseEngine engine) : HousingTest(engine)
{
    [Test]
    public async Task ByDefaultImagesComeOnlyFromTheServiceItself()
    {
        var response = await App.CreateClient().GetAsync("/");

        Assert.That(string.Join(";", response.Headers.GetValues("Content-Security-Policy")), Does.Contain("img-src 'self' data:;"));
    }
}
