using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Auth;

public class ApiKeysTests(DatabaseEngine engine) : HousingTest(engine)
{
    [Test]
    public async Task AdminIssuesAKeyThatIsShownOnlyOnce()
    {
        var organization = await Admin.CreateOrganizationAsync();

        var response = await Admin.PostJsonAsync("/v1/api-keys", new JsonObject
        {
            ["role"] = "shelter",
            ["organizationId"] = organization.ToString(),
            ["label"] = "Harbor House intake system",
        });
        var created = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/v1/api-keys/{created.Id()}"));
        Assert.That((string?)created["key"], Does.StartWith("hk_"));
        Assert.That((string?)created["role"], Is.EqualTo("shelter"));
        Assert.That(created.Id("organizationId"), Is.EqualTo(organization));
        Assert.That((string?)created["label"], Is.EqualTo("Harbor House intake system"));

        var listResponse = await Admin.GetAsync("/v1/api-keys");
        var listText = await listResponse.Content.ReadAsStringAsync();
        var listed = (await listResponse.ExpectAsync(HttpStatusCode.OK)).AsArray().Single()!;
        Assert.That(listed.Id(), Is.EqualTo(created.Id()));
        Assert.That((string?)listed["role"], Is.EqualTo("shelter"));
        Assert.That(listed["key"], Is.Null);
        Assert.That(listed["revokedAt"], Is.Null);
        Assert.That(listText, Does.Not.Contain((string)created["key"]!));
    }

    [TestCase("admin")]
    [TestCase("reporter")]
    public async Task UnboundRolesNeedNoOrganisation(string role)
    {
        var key = await Admin.IssueKeyAsync(role);

        var response = await App.Client(key).GetAsync("/v1/programs");

        await response.ExpectAsync(HttpStatusCode.OK);
    }

    [TestCase("shelter")]
    [TestCase("case_manager")]
    public async Task BoundRolesNeedAnOrganisation(string role)
    {
        var response = await Admin.PostJsonAsync("/v1/api-keys", new JsonObject { ["role"] = role, ["label"] = "no org" });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "organizationId");
        Assert.That((await Admin.GetJsonAsync("/v1/api-keys")).AsArray(), Is.Empty);
    }

    [Test]
    public async Task AdminKeyCannotBeBoundToAnOrganisation()
    {
        var organization = await Admin.CreateOrganizationAsync();

        var response = await Admin.PostJsonAsync("/v1/api-keys", new JsonObject
        {
            ["role"] = "admin",
            ["organizationId"] = organization.ToString(),
            ["label"] = "bound admin",
        });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "organizationId");
    }

    [Test]
    public async Task KeyForAnUnknownOrganisationIsRejected()
    {
        var response = await Admin.PostJsonAsync("/v1/api-keys", new JsonObject
        {
            ["role"] = "shelter",
            ["organizationId"] = Guid.NewGuid().ToString(),
            ["label"] = "ghost",
        });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "organizationId");
    }

    [Test]
    public async Task KeyWithoutRoleOrLabelIsRejected()
    {
        var response = await Admin.PostJsonAsync("/v1/api-keys", new JsonObject());

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "role", "label");
    }

    [Test]
    public async Task RevokedKeyStopsWorkingAtOnce()
    {
        var organization = await Admin.CreateOrganizationAsync();
        var created = await (await Admin.PostJsonAsync("/v1/api-keys", new JsonObject
        {
            ["role"] = "shelter",
            ["organizationId"] = organization.ToString(),
            ["label"] = "lost laptop",
        })).ExpectAsync(HttpStatusCode.Created);
        var shelter = App.Client((string)created["key"]!);
        await (await shelter.GetAsync("/v1/programs")).ExpectAsync(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        var revoke = await Admin.DeleteAsync($"/v1/api-keys/{created.Id()}");

        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var problem = await (await shelter.GetAsync("/v1/programs")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That((string?)problem["detail"], Does.Contain("revoked"));
        var listed = (await Admin.GetJsonAsync("/v1/api-keys")).AsArray().Single()!;
        Assert.That(DateTimeOffset.Parse((string)listed["revokedAt"]!), Is.EqualTo(HousingApp.Start.AddMinutes(1)));
    }

    [Test]
    public async Task RevokingTwiceIsHarmlessAndKeepsTheFirstTime()
    {
        var organization = await Admin.CreateOrganizationAsync();
        var key = await (await Admin.PostJsonAsync("/v1/api-keys", new JsonObject
        {
            ["role"] = "case_manager",
            ["organizationId"] = organization.ToString(),
            ["label"] = "old",
        })).ExpectAsync(HttpStatusCode.Created);
        await Admin.DeleteAsync($"/v1/api-keys/{key.Id()}");
        App.Clock.Advance(TimeSpan.FromHours(1));

        var again = await Admin.DeleteAsync($"/v1/api-keys/{key.Id()}");

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var listed = (await Admin.GetJsonAsync("/v1/api-keys")).AsArray().Single()!;
        Assert.That(DateTimeOffset.Parse((string)listed["revokedAt"]!), Is.EqualTo(HousingApp.Start));
    }

    [Test]
    public async Task RevokingAnUnknownKeyIsNotFound()
    {
        var response = await Admin.DeleteAsync($"/v1/api-keys/{Guid.NewGuid()}");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task IssuedAdminKeyCanIssueKeys()
    {
        var admin = App.Client(await Admin.IssueKeyAsync("admin"));

        var key = await admin.IssueKeyAsync("reporter");

        await (await App.Client(key).GetAsync("/v1/availability")).ExpectAsync(HttpStatusCode.OK);
    }
}
