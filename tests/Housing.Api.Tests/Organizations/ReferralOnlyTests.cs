using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Organizations;

/// <summary>
/// "Referral only from partner agencies" restricts: a referral-only program is offered to, and
/// takes referrals from, its organisation's partner agencies only.
/// </summary>
public sealed class ReferralOnlyTests(DatabaseEngine engine) : PartnerTest(engine)
{
    [Test]
    public async Task AnAgencyThatIsNotAPartnerIsRefusedAReferralToAReferralOnlyProgramAndNothingIsHeld()
    {
        var outsider = await NewAgencyAsync("Outside Agency");
        var program = await NewReferralOnlyProgramAsync();

        var response = await PostReferralAsync(outsider.CaseManager, Referral(program.Id));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/not-a-partner"));
        Assert.That((string?)problem["detail"], Does.Contain(program.Id.ToString()).And.Contain("Partners Only House"));
        Assert.That(await HoldRowsAsync(), Is.Zero);
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referrals;"), Is.Zero, "the refused referral wrote nothing");
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((5, 0)));
    }

    [Test]
    public async Task ASearchByAnAgencyThatIsNotAPartnerExcludesAReferralOnlyProgramWithItsReason()
    {
        var outsider = await NewAgencyAsync("Outside Agency");
        var program = await NewReferralOnlyProgramAsync();
        var open = await NewProgramAsync(name: "Open Door");

        var outcome = await SearchAsync(outsider.CaseManager);

        Assert.That(Matched(outcome), Is.EqualTo(new[] { open.Id }), outcome.ToJsonString());
        Assert.That(ReasonsFor(outcome, program.Id), Is.EqualTo(new[] { "not_a_partner_agency" }));
        var excluded = outcome["excludedPrograms"]!.AsArray().Single(p => p!.Id("programId") == program.Id)!;
        Assert.That((string?)excluded["reasons"]![0]!["sentence"],
            Is.EqualTo("It takes referrals only from its partner agencies, and your agency is not one of them."));
        var byReason = outcome["excludedByReason"]!.AsArray().Single(r => (string?)r!["code"] == "not_a_partner_agency")!;
        Assert.That((int?)byReason["count"], Is.EqualTo(1));
        Assert.That((string?)outcome["summary"], Does.Contain("1 take referrals only from partner agencies"));
    }

    [Test]
    public async Task APartnerAgencyFindsTheProgramAndRefersToIt()
    {
        var partner = await NewAgencyAsync("Partner Agency");
        var outsider = await NewAgencyAsync("Outside Agency");
        var program = await NewReferralOnlyProgramAsync();
        await SetPartnersAsync(program.Client, program.Shelter.OrganizationId, partner.Id);

        Assert.That(Matched(await SearchAsync(partner.CaseManager)), Is.EqualTo(new[] { program.Id }));
        Assert.That(Matched(await SearchAsync(outsider.CaseManager)), Is.Empty, "another agency still is no partner");
        var created = await ReferAsync(partner.CaseManager, Referral(program.Id));
        Assert.That(Trail(created), Is.EqualTo(new[] { "0:pending" }));
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((4, 1)));
    }

    [Test]
    public async Task AProgramCreatedAfterThePartnersWereSetIsOfferedToThemAtOnce()
    {
        var partner = await NewAgencyAsync("Partner Agency");
        var shelter = await App.NewShelterAsync("Coalition Shelters");
        await SetPartnersAsync(shelter.Client, shelter.OrganizationId, partner.Id);

        var program = await NewReferralOnlyProgramAsync(shelter: shelter);

        Assert.That(Matched(await SearchAsync(partner.CaseManager)), Is.EqualTo(new[] { program.Id }));
    }

    [Test]
    public async Task AChangeOfPartnersReachesSearchesAndReferralsWithoutARestart()
    {
        var agency = await NewAgencyAsync();
        var program = await NewReferralOnlyProgramAsync();
        Assert.That(Matched(await SearchAsync(agency.CaseManager)), Is.Empty);

        await SetPartnersAsync(program.Client, program.Shelter.OrganizationId, agency.Id);
        Assert.That(Matched(await SearchAsync(agency.CaseManager)), Is.EqualTo(new[] { program.Id }), "added");

        await SetPartnersAsync(Admin, program.Shelter.OrganizationId);
        var outcome = await SearchAsync(agency.CaseManager);
        Assert.That(Matched(outcome), Is.Empty, "removed again");
        Assert.That(ReasonsFor(outcome, program.Id), Is.EqualTo(new[] { "not_a_partner_agency" }));
        var response = await PostReferralAsync(agency.CaseManager, Referral(program.Id));
        Assert.That(await ProblemTypeAsync(response, HttpStatusCode.Forbidden), Is.EqualTo("/problems/not-a-partner"));
    }

    [Test]
    public async Task AnAdminKeyBelongsToNoAgencySoItsSearchesAreOfferedNoReferralOnlyProgram()
    {
        var partner = await NewAgencyAsync();
        var program = await NewReferralOnlyProgramAsync();
        await SetPartnersAsync(program.Client, program.Shelter.OrganizationId, partner.Id);

        var outcome = await SearchAsync(Admin);

        Assert.That(Matched(outcome), Is.Empty);
        Assert.That(ReasonsFor(outcome, program.Id), Is.EqualTo(new[] { "not_a_partner_agency" }));
    }

    [Test]
    public async Task AReferralListingAReferralOnlyProgramAmongOthersIsRefusedWhole()
    {
        var agency = await NewAgencyAsync();
        var open = await NewProgramAsync(name: "Open Door");
        var program = await NewReferralOnlyProgramAsync();

        var response = await PostReferralAsync(agency.CaseManager, Referral(open.Id, program.Id));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((string?)problem["detail"], Does.Contain(program.Id.ToString()).And.Not.Contain(open.Id.ToString()));
        Assert.That(await HoldRowsAsync(), Is.Zero, "not even the open program's bed");
    }

    [Test]
    public async Task ACascadeSkipsAReferralOnlyProgramWhoseOrganisationDroppedTheAgencyAfterTheReferralWasMade()
    {
        var agency = await NewAgencyAsync();
        var first = await NewProgramAsync(name: "Open Door");
        var program = await NewReferralOnlyProgramAsync();
        var last = await NewProgramAsync(name: "Last Door");
        await SetPartnersAsync(program.Client, program.Shelter.OrganizationId, agency.Id);
        var created = await ReferAsync(agency.CaseManager, Referral(first.Id, program.Id, last.Id));
        await SetPartnersAsync(program.Client, program.Shelter.OrganizationId);

        await ActOkAsync(first.Client, created.Id(), "decline");

        Assert.That(Trail(await GetReferralAsync(agency.CaseManager, created.Id())), Is.EqualTo(new[] { "0:declined:no_capacity", "1:skipped:not_a_partner_agency", "2:pending" }));
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((5, 0)));
        Assert.That(await OpenAndHeldAsync(last.Id), Is.EqualTo((4, 1)));
    }
}
