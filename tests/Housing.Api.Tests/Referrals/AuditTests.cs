using System.Net;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Referrals;

/// <summary>Admins read who did what to which referral, and when; nothing about the client.</summary>
public sealed class AuditTests : ReferralTest
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
    public async Task OnlyAdminsReadTheAuditLog()
    {
        var agency = await NewAgencyAsync();
        await (await agency.CaseManager.GetAsync("/v1/audit")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await Admin.GetAsync("/v1/audit?limit=0")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }
}
