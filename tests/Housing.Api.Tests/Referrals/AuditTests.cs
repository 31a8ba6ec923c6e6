using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Referrals;

/// <summary>Admins read who did what to which referral, and when; nothing about the client.</summary>
public sealed class AuditTests(DatabaseEngine engine) : ReferralTest(engine)
{
    [Test]
    public async Task AnAdminReadsEachStepOfAReferralInOrderWithoutClientData()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync();
        var id = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "CM-AUDIT-7", program.Id))).Id();
        await ActOkAsync(program.Client, id, "accept");
        await (await agency.CaseManager.GetAsync($"/v1/referrals/{id}/placement")).ExpectAsync(HttpStatusCode.OK);

        var page = await Admin.GetJsonAsync($"/v1/audit?entityType=referral&entityId={id}");

        var entries = page.Items();
        Assert.That(entries.Select(e => (string?)e["action"]), Is.EqualTo(new[] { "referral.created", "referral.accepted", "placement.read" }));
        Assert.That(entries.Select(e => (string?)e["role"]), Is.EqualTo(new[] { "case_manager", "shelter", "case_manager" }));
        Assert.That(page.ToJsonString(), Does.Not.Contain("CM-AUDIT-7"));
    }

    [Test]
    public async Task TheAuditLogPagesAndFiltersByAction()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync();
        for (var i = 0; i < 3; i++) await ReferAsync(agency.CaseManager, Referral(SingleWoman(), $"CM-{i}", program.Id));

        var first = await Admin.GetJsonAsync("/v1/audit?action=referral.created&limit=2");
        var second = await Admin.GetJsonAsync($"/v1/audit?action=referral.created&limit=2&after={(long)first["next"]!}");

        Assert.That(first.Items(), Has.Count.EqualTo(2));
        Assert.That(second.Items(), Has.Count.EqualTo(1));
        Assert.That(second["next"], Is.Null);
    }

    [Test]
    public async Task AFilterIsMatchedAsTrimmedButAControlCharacterAtEitherEndIsRefused()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync();
        await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "CM-TRIM", program.Id));

        Assert.That((await Admin.GetJsonAsync("/v1/audit?action=%20referral.created%20")).Items(), Has.Count.EqualTo(1));
        foreach (var action in new[] { "referral.created%0A", "%09referral.created", "referral.created%00" })
        {
            var problem = await (await Admin.GetAsync($"/v1/audit?action={action}")).ExpectProblemAsync(HttpStatusCode.BadRequest, "action");
            Assert.That((string?)problem["errors"]!["action"]![0], Is.EqualTo("Must not contain control characters."), action);
        }
    }

    [Test]
    public async Task ProgramAndAvailabilityChangesAreAuditedWithTheShelterKeyThatMadeThem()
    {
        var program = await NewProgramAsync();
        var etag = (await program.Client.GetAsync($"/v1/programs/{program.Id}")).ETag();
        var edited = Bodies.Emergency(program.Shelter.OrganizationId, "Harbor House, renamed");
        await (await program.Client.PutJsonAsync($"/v1/programs/{program.Id}", edited, etag)).ExpectAsync(HttpStatusCode.OK);
        // A retry of a change already stored is not a new change.
        await (await program.Client.PutJsonAsync($"/v1/programs/{program.Id}", edited)).ExpectAsync(HttpStatusCode.OK);

        var entries = (await Admin.GetJsonAsync($"/v1/audit?entityType=program&entityId={program.Id}")).Items();

        Assert.That(entries.Select(e => (string?)e["action"]), Is.EqualTo(new[] { "program.created", "availability.posted", "program.updated" }));
        Assert.That(entries.Select(e => (string?)e["role"]).Distinct(), Is.EqualTo(new[] { "shelter" }));
        Assert.That(entries.Select(e => (string?)e["keyId"]).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task OrganisationsAndKeysAreAuditedWithTheAdminKeyThatMadeThem()
    {
        var org = await Admin.CreateOrganizationAsync("Audited Agency", "agency");
        var created = await (await Admin.PostJsonAsync("/v1/api-keys",
            new System.Text.Json.Nodes.JsonObject { ["role"] = "case_manager", ["organizationId"] = org.ToString(), ["label"] = "audit test" }))
            .ExpectAsync(HttpStatusCode.Created);
        var keyId = created.Id();
        await (await Admin.DeleteAsync($"/v1/api-keys/{keyId}")).ExpectAsync(HttpStatusCode.NoContent);

        var organization = (await Admin.GetJsonAsync($"/v1/audit?entityType=organization&entityId={org}")).Items();
        var key = (await Admin.GetJsonAsync($"/v1/audit?entityType=api_key&entityId={keyId}")).Items();

        Assert.That(organization.Select(e => (string?)e["action"]), Is.EqualTo(new[] { "organization.created" }));
        Assert.That(key.Select(e => (string?)e["action"]), Is.EqualTo(new[] { "api_key.created", "api_key.revoked" }));
        Assert.That(key.Select(e => (string?)e["role"]).Distinct(), Is.EqualTo(new[] { "admin" }));
        Assert.That((await Admin.GetJsonAsync("/v1/audit?entityType=api_key")).ToJsonString(), Does.Not.Contain("hk_"));
    }

    [Test]
    public async Task OnlyAdminsReadTheAuditLog()
    {
        var agency = await NewAgencyAsync();
        await (await agency.CaseManager.GetAsync("/v1/audit")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await Admin.GetAsync("/v1/audit?limit=0")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }
}
