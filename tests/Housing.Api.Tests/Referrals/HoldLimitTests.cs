using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Referrals;

/// <summary>One case manager's key may hold only so many beds at once, so no script can empty a county.</summary>
public sealed class HoldLimitTests(DatabaseEngine engine) : ReferralTest(engine)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["Referrals:MaxHeldPerCaseManager"] = "4" };

    [Test]
    public async Task ACaseManagerCannotHoldMoreBedsThanTheLimit()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 10, familiesOpen: 10);
        await ReferAsync(agency.CaseManager, Referral(MotherAndTwoChildren(), "A-1", program.Id));
        await ReferAsync(agency.CaseManager, Referral(program.Id));

        var response = await PostReferralAsync(agency.CaseManager, Referral(program.Id));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/hold-limit"));
        // How many beds, in how many referrals, and how to free them: a case manager can act on it.
        Assert.That((string?)problem["detail"], Does.StartWith("This key already holds 4 of its 4 beds, in 2 referrals waiting for a shelter's answer")
            .And.Contain("this household needs 1").And.Contain("cancel one of those referrals"));
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((9, 1)), "nothing more is held");
        Assert.That((await agency.CaseManager.GetJsonAsync("/v1/referrals")).Items(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ReleasedBedsCountNoLongerAgainstTheLimit()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 10);
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++) ids.Add((await ReferAsync(agency.CaseManager, Referral(program.Id))).Id());
        await (await PostReferralAsync(agency.CaseManager, Referral(program.Id))).ExpectProblemAsync(HttpStatusCode.Conflict);

        await ActOkAsync(agency.CaseManager, ids[0], "cancel");

        await ReferAsync(agency.CaseManager, Referral(program.Id));
    }

    [Test]
    public async Task TheLimitIsPerKeySoAColleagueCanStillRefer()
    {
        var agency = await NewAgencyAsync();
        var colleague = App.Client(await Admin.IssueKeyAsync("case_manager", agency.Id));
        var program = await NewProgramAsync(adultsOpen: 10);
        for (var i = 0; i < 4; i++) await ReferAsync(agency.CaseManager, Referral(program.Id));

        await ReferAsync(colleague, Referral(program.Id));

        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((5, 5)));
    }
}
