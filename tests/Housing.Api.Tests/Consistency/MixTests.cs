using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;

namespace Housing.Api.Tests.Consistency;

/// <summary>
/// Everything the service itself does keeps holds adding up: after many referrals made at once,
/// accepted, declined down their lists, placed, not arrived, cancelled and expired, a yes to an
/// ask and the shelters' new counts, the check finds nothing, and checks run while all that
/// happens repair nothing (a step between two of its writes is never taken for a phantom).
/// </summary>
public sealed class MixTests(DatabaseEngine engine) : ConsistencyTest(engine)
{
    protected override IReadOnlyDictionary<string, string?>? Settings =>
        new Dictionary<string, string?>(base.Settings!) { ["Referrals:MaxHeldPerCaseManager"] = "100" };

    [Test]
    public async Task AfterAMixOfReferralsDecisionsExpiriesAndPostsTheCheckFindsNothing()
    {
        var agencies = new List<Agency>();
        for (var a = 0; a < 3; a++) agencies.Add(await NewAgencyAsync());
        var programs = new List<ShelterProgram>();
        for (var p = 0; p < 4; p++) programs.Add(await NewProgramAsync(adultsOpen: 8, familiesOpen: 9, name: $"Shelter {p}"));
        var byId = programs.ToDictionary(p => p.Id);
        var checks = new List<JsonNode>();

        // Referrals made at once, each down a list of two or three programs, with checks among them.
        var made = await Together.SendAsync(Enumerable.Range(0, 36).Select(i => (Func<Task<HttpResponseMessage>>)(() =>
            i % 12 == 11
                ? Admin.PostAsync("/v1/admin/consistency/run", null)
                : PostReferralAsync(agencies[i % 3].CaseManager, Referral(i % 2 == 0 ? SingleWoman() : MotherAndTwoChildren(), $"MIX-{i}",
                    [.. Enumerable.Range(0, 2 + i % 2).Select(k => programs[(i + k) % 4].Id)])))));
        var referrals = new List<(Guid Id, Agency Agency)>();
        for (var i = 0; i < made.Length; i++)
        {
            if (i % 12 == 11) { checks.Add(await CheckedOrBusyAsync(made[i])); continue; }
            if (made[i].StatusCode == HttpStatusCode.Created) referrals.Add(((await made[i].ExpectAsync(HttpStatusCode.Created)).Id(), agencies[i % 3]));
            else Assert.That(made[i].StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "the only refusal is a full list");
        }
        Assert.That(referrals, Has.Count.GreaterThan(20));

        // The shelters and case managers decide, at once: accept, decline (the list moves on), cancel, or leave it to expire.
        var decisions = new List<Func<Task<HttpResponseMessage>>>();
        for (var i = 0; i < referrals.Count; i++)
        {
            var (id, agency) = referrals[i];
            var shelter = byId[await CurrentProgramAsync(agency, id)].Client;
            decisions.Add((i % 5) switch
            {
                0 or 1 => () => ActAsync(shelter, id, "accept"),
                2 => () => ActAsync(shelter, id, "decline"),
                3 => () => ActAsync(agency.CaseManager, id, "cancel"),
                _ => () => Admin.PostAsync("/v1/admin/consistency/run", null),
            });
        }
        var decided = await Together.SendAsync(decisions);
        for (var i = 0; i < decided.Length; i++)
        {
            if (i % 5 == 4) checks.Add(await CheckedOrBusyAsync(decided[i]));
            else await decided[i].ExpectAsync(HttpStatusCode.OK);
        }

        // Some accepted households arrive, some do not; the rest are left pending and expire.
        var arrivals = new List<Func<Task<HttpResponseMessage>>>();
        for (var i = 0; i < referrals.Count; i += 5)
        {
            var (id, agency) = referrals[i];
            var shelter = byId[await CurrentProgramAsync(agency, id)].Client;
            arrivals.Add(() => ActAsync(shelter, id, i % 2 == 0 ? "placed" : "no-show"));
            arrivals.Add(() => Admin.PostAsync("/v1/admin/consistency/run", null));
        }
        foreach (var (response, i) in (await Together.SendAsync(arrivals)).Select((r, i) => (r, i)))
        {
            if (i % 2 == 1) checks.Add(await CheckedOrBusyAsync(response));
            else await response.ExpectAsync(HttpStatusCode.OK);
        }
        App.Clock.Advance(TimeSpan.FromMinutes(91));
        await SweepAsync(); // the sweeper may have run already, woken by the clock
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referral_steps WHERE status = 'expired';"), Is.GreaterThan(0),
            "some holds expired, and their referrals moved on");
        checks.Add(await CheckAsync());

        // A yes to an ask at a full program, and every shelter counting again, leaving room for what it holds.
        var full = await FullProgramAsync();
        var ask = (await AskAsync(agencies[0].CaseManager, AskBody(programIds: [full.Id]))).Id();
        await (await AnswerAsync(full.Client, ask, full.Id, Yes())).ExpectAsync(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        foreach (var program in programs.Append(full))
        {
            var (_, adultsHeld) = await OpenAndHeldAsync(program.Id);
            var (_, familiesHeld) = await OpenAndHeldAsync(program.Id, Families);
            await (await program.Client.PostAvailabilityAsync(program.Id, Bodies.OpenBeds(Math.Max(adultsHeld, 2), Math.Max(familiesHeld, 3))))
                .ExpectAsync(HttpStatusCode.OK);
        }

        var report = await CheckAsync();

        Assert.That(Repaired(report), Is.Empty, report.ToJsonString());
        Assert.That(Open(report), Is.Empty, report.ToJsonString());
        Assert.That((int?)report["programsChecked"], Is.EqualTo(5));
        Assert.That(checks.Where(c => c is not null).SelectMany(c => Repaired(c).Concat(Open(c))).Select(f => f.ToJsonString()), Is.Empty,
            "no check run among the writes found anything");
        Assert.That(await UnreleasedHoldRowsAsync(), Is.GreaterThan(0), "the mix left holds for the check to look at");
    }

    private async Task<Guid> CurrentProgramAsync(Agency agency, Guid referralId) =>
        Steps(await GetReferralAsync(agency.CaseManager, referralId)).First(s => Status(s) is "pending" or "accepted").Id("programId");

    /// <summary>A run's report, or null when it found another run going (two checks asked for at once).</summary>
    private static async Task<JsonNode> CheckedOrBusyAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Conflict) return null!;
        return await response.ExpectAsync(HttpStatusCode.OK);
    }
}
