using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.People;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;
using static Housing.Api.Tests.Infrastructure.PersonSignIns;

namespace Housing.Api.Tests.People;

/// <summary>
/// People sign in as themselves: invited, a password set from a one-time link, a code from an
/// app for the roles that need one, and the audit log naming them for what they do.
/// </summary>
public sealed class PeopleTests(DatabaseEngine engine) : ReferralTest(engine)
{
    [Test]
    public async Task AnInvitedCaseManagerSetsAPasswordTurnsOnCodesAndTheAuditNamesThemOnAPlacementRead()
    {
        var (shelter, safeHaven) = await App.NewConfidentialProgramAsync();
        await (await shelter.Client.PostAvailabilityAsync(safeHaven, Bodies.OpenBeds(2, 5))).ExpectAsync(HttpStatusCode.OK);
        var agency = await NewAgencyAsync();
        var (id, link) = await InviteAsync(Admin, "Ana.Case@Example.org", "case_manager", agency.Id);
        var browser = new ConsoleBrowser(App.CreateClient());

        await SetPasswordAsync(browser, link);
        var afterPassword = await PostPasswordAsync(browser, "ana.case@example.org");
        Assert.That(afterPassword.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/account/codes"), "a case manager must turn codes on");
        Assert.That((await browser.Client.GetAsync("/search")).RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/"), "not signed in before the code");
        var (secret, _) = await TurnOnCodesAsync(browser, App);
        Assert.That(await browser.GetPageAsync("/search"), Does.Contain("ana.case@example.org").Or.Contain("Hotline"));

        var referral = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "PCAT-9001", safeHaven))).Id();
        await ActOkAsync(shelter.Client, referral, "accept");
        var page = await browser.GetPageAsync($"/referrals/{referral}");
        var placement = await (await browser.PostFormAsync($"/referrals/{referral}?handler=Placement", page, [])).Content.ReadAsStringAsync();
        Assert.That(placement, Does.Contain(Bodies.ConfidentialAddress));

        var read = (await Admin.GetJsonAsync($"/v1/audit?action=placement.read&entityId={referral}")).Items().Single();
        Assert.That(((string?)read["personId"], (string?)read["keyId"], (string?)read["role"]), Is.EqualTo((id.ToString(), id.ToString(), "case_manager")));
        var signIns = (await Admin.GetJsonAsync($"/v1/audit?entityType=person&entityId={id}")).Items().Select(e => (string?)e["action"]);
        Assert.That(signIns, Is.EqualTo(new[] { "person.invited", "person.password_set", "person.two_factor_enrolled", "person.signed_in" }));
        var admin = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        Assert.That(WebUtility.HtmlDecode(await admin.GetPageAsync($"/admin/audit?action=placement.read")), Does.Contain("ana.case@example.org, Case manager"));

        // Next time: the password, then a code from the app.
        var next = new ConsoleBrowser(App.CreateClient());
        var step = await PostPasswordAsync(next, "ana.case@example.org");
        Assert.That(step.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/account/code"));
        App.Clock.Advance(TimeSpan.FromSeconds(40));
        var codePage = await next.GetPageAsync("/account/code");
        var signedIn = await next.PostFormAsync("/account/code", codePage, new() { ["Code"] = Totp.Code(secret!, App.Clock.GetUtcNow()) });
        Assert.That(signedIn.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/search"));
    }

    [Test]
    public async Task AnUnknownEmailAndAWrongPasswordGetTheSameAnswerAndWrongTriesMakeTheAccountWait()
    {
        var (browser, _, _) = await NewPersonAsync(App, "rey.reports@example.org", "reporter");
        var stranger = new ConsoleBrowser(App.CreateClient());

        var unknown = await (await PostPasswordAsync(stranger, "nobody@example.org")).Content.ReadAsStringAsync();
        var wrong = await (await PostPasswordAsync(stranger, "rey.reports@example.org", "not the password at all")).Content.ReadAsStringAsync();
        Assert.That(Refusal(unknown), Is.EqualTo(Refusal(wrong)).And.Contain("do not open an account here"));
        Assert.That(unknown, Does.Not.Contain("not the password at all"), "a password is never echoed back");

        for (var i = 1; i < 5; i++) await PostPasswordAsync(stranger, "rey.reports@example.org", $"wrong password number {i}");
        var waiting = await (await PostPasswordAsync(stranger, "rey.reports@example.org")).Content.ReadAsStringAsync();
        Assert.That(Refusal(waiting), Is.EqualTo(Refusal(unknown)), "waiting: the right password is refused, in the same words");
        var listed = (await Admin.GetJsonAsync("/v1/people")).AsArray().Single(p => (string?)p!["email"] == "rey.reports@example.org")!;
        Assert.That((string?)listed["lockedUntil"], Is.Not.Null);
        Assert.That((await Admin.GetJsonAsync("/v1/audit?action=person.locked_out")).Items(), Has.Count.EqualTo(1));
        var admin = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        Assert.That(await admin.GetPageAsync("/admin/people"), Does.Contain("Refused sign-ins (any reason): 7 today, 7 in the last 7 days"),
            "every refusal is counted, whatever its reason: unknown, wrong, and the right password while waiting");

        App.Clock.Advance(TimeSpan.FromMinutes(16));
        var after = await PostPasswordAsync(stranger, "rey.reports@example.org");
        Assert.That(after.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/reports"), "a reporter needs no code; the wait is over");
    }

    private static string Refusal(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "id=\"password-error\" role=\"alert\">([^<]+)<").Groups[1].Value;

    [Test]
    public async Task ALinkWorksOnceAndNotAfterItExpiresOrIsReplaced()
    {
        var (id, link) = await InviteAsync(Admin, "sam.shelter@example.org", "reporter");
        var browser = new ConsoleBrowser(App.CreateClient());
        await SetPasswordAsync(browser, link);
        Assert.That(await browser.GetPageAsync(PathOf(link)), Does.Contain("This link no longer works"), "used");

        var (_, expiring) = await InviteAsync(Admin, "late@example.org", "reporter");
        App.Clock.Advance(TimeSpan.FromHours(73));
        Assert.That(await browser.GetPageAsync(PathOf(expiring)), Does.Contain("This link no longer works"), "expired");

        var (lateId, first) = await InviteAsync(Admin, "twice@example.org", "reporter");
        var second = (string)(await (await Admin.PostAsync($"/v1/people/{lateId}/link", null)).ExpectAsync(HttpStatusCode.OK))["link"]!;
        Assert.That(await browser.GetPageAsync(PathOf(first)), Does.Contain("This link no longer works"), "replaced");
        Assert.That(await browser.GetPageAsync(PathOf(second)), Does.Contain("twice@example.org"));
        Assert.That(id, Is.Not.EqualTo(lateId));
    }

    [Test]
    public async Task APasswordTooShortTooCommonOrNotRepeatedIsRefusedBesideItsField()
    {
        var (_, link) = await InviteAsync(Admin, "patricia@example.org", "reporter");
        var browser = new ConsoleBrowser(App.CreateClient());
        var page = await browser.GetPageAsync(PathOf(link));
        var token = new Uri(link).Query["?token=".Length..];
        async Task<string> TryAsync(string password, string confirm) =>
            WebUtility.HtmlDecode(await (await browser.PostFormAsync("/account/welcome", page,
                new() { ["Token"] = token, ["Password"] = password, ["Confirm"] = confirm })).Content.ReadAsStringAsync());

        Assert.That(await TryAsync("short", "short"), Does.Contain("Use at least 12 characters"));
        Assert.That(await TryAsync("Password2024!", "Password2024!"), Does.Contain("among the first an attacker would try"));
        Assert.That(await TryAsync("123456789012", "123456789012"), Does.Contain("among the first an attacker would try"));
        Assert.That(await TryAsync("I am Patricia, hello", "I am Patricia, hello"), Does.Contain("among the first an attacker would try"));
        Assert.That(await TryAsync(Password, Password + "x"), Does.Contain("The two passwords are not the same."));
        Assert.That(await browser.GetPageAsync(PathOf(link)), Does.Contain("patricia@example.org"), "nothing refused used the link up");
    }

    [Test]
    public async Task ACodeWorksWithinTheWindowOnlyOnceAndARecoveryCodeOnce()
    {
        var agency = await NewAgencyAsync();
        var (_, _, secret) = await NewPersonAsync(App, "cam@example.org", "case_manager", agency.Id);
        async Task<string> SignInWithAsync(string code)
        {
            var browser = new ConsoleBrowser(App.CreateClient());
            await PostPasswordAsync(browser, "cam@example.org");
            var page = await browser.GetPageAsync("/account/code");
            var response = await browser.PostFormAsync("/account/code", page, new() { ["Code"] = code });
            return response.RequestMessage!.RequestUri!.AbsolutePath;
        }

        App.Clock.Advance(TimeSpan.FromMinutes(2));
        var now = App.Clock.GetUtcNow();
        Assert.That(await SignInWithAsync(Totp.Code(secret!, now.AddSeconds(-60))), Is.EqualTo("/account/code"), "two steps old: refused");
        var previous = Totp.Code(secret!, now.AddSeconds(-30));
        Assert.That(await SignInWithAsync(previous), Is.EqualTo("/search"), "one step old: taken (a phone's clock drifts)");
        Assert.That(await SignInWithAsync(previous), Is.EqualTo("/account/code"), "the same code again: refused");
        Assert.That(await SignInWithAsync(Totp.Code(secret!, now.AddSeconds(-30))), Is.EqualTo("/account/code"));
        Assert.That(await SignInWithAsync(Totp.Code(secret!, now)), Is.EqualTo("/search"), "a later step still works");
    }

    [Test]
    public async Task ARecoveryCodeSignsInOnce()
    {
        var agency = await NewAgencyAsync();
        var (id, link) = await InviteAsync(Admin, "rita@example.org", "case_manager", agency.Id);
        var browser = new ConsoleBrowser(App.CreateClient());
        await SetPasswordAsync(browser, link);
        await PostPasswordAsync(browser, "rita@example.org");
        var (_, recovery) = await TurnOnCodesAsync(browser, App);
        async Task<string> SignInWithAsync(string code)
        {
            var b = new ConsoleBrowser(App.CreateClient());
            await PostPasswordAsync(b, "rita@example.org");
            var page = await b.GetPageAsync("/account/code");
            return (await b.PostFormAsync("/account/code", page, new() { ["Code"] = code })).RequestMessage!.RequestUri!.AbsolutePath;
        }

        Assert.That(await SignInWithAsync(recovery[3].ToUpperInvariant().Replace("-", " ", StringComparison.Ordinal)), Is.EqualTo("/search"));
        Assert.That(await SignInWithAsync(recovery[3]), Is.EqualTo("/account/code"), "used up");
        Assert.That((await Admin.GetJsonAsync($"/v1/audit?action=person.signed_in_with_recovery_code&entityId={id}")).Items(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AnAdminResetsTheCodesOfSomeoneWhoLostTheirPhoneAndTheySetUpNewOnes()
    {
        var agency = await NewAgencyAsync();
        var (browser, id, secret) = await NewPersonAsync(App, "lost.phone@example.org", "case_manager", agency.Id);
        Assert.That(secret, Is.Not.Null);

        var reset = await (await Admin.PostAsync($"/v1/people/{id}/reset-codes", null)).ExpectAsync(HttpStatusCode.OK);

        Assert.That((bool?)reset["twoFactor"], Is.False);
        Assert.That((await browser.Client.GetAsync("/search")).RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/"), "their sessions ended");
        var again = new ConsoleBrowser(App.CreateClient());
        var step = await PostPasswordAsync(again, "lost.phone@example.org");
        Assert.That(step.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/account/codes"), "a case manager sets new codes up");
        var (newSecret, _) = await TurnOnCodesAsync(again, App);
        Assert.That(newSecret, Is.Not.EqualTo(secret));
        Assert.That((await Admin.GetJsonAsync($"/v1/audit?action=person.codes_reset&entityId={id}")).Items(), Has.Count.EqualTo(1));
        await (await agency.CaseManager.PostAsync($"/v1/people/{id}/reset-codes", null)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await Admin.PostAsync($"/v1/people/{Guid.NewGuid()}/reset-codes", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task DisablingAPersonEndsTheirOpenSessionAtOnceAndEnablingLetsThemSignInAgain()
    {
        var (browser, id, _) = await NewPersonAsync(App, "dee@example.org", "reporter");
        Assert.That((await browser.Client.GetAsync("/reports")).RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/reports"));

        await (await Admin.PostAsync($"/v1/people/{id}/disable", null)).ExpectAsync(HttpStatusCode.OK);

        Assert.That((await browser.Client.GetAsync("/reports")).RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/"), "the open session ended");
        var again = await PostPasswordAsync(new ConsoleBrowser(App.CreateClient()), "dee@example.org");
        Assert.That(again.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/"));
        Assert.That((string?)(await Admin.GetJsonAsync("/v1/people")).AsArray().Single()!["status"], Is.EqualTo("disabled"));

        await (await Admin.PostAsync($"/v1/people/{id}/enable", null)).ExpectAsync(HttpStatusCode.OK);
        var back = await PostPasswordAsync(new ConsoleBrowser(App.CreateClient()), "dee@example.org");
        Assert.That(back.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/reports"));
    }

    [Test]
    public async Task OnlyAdminsManagePeopleAndInvitationsAreChecked()
    {
        var agency = await NewAgencyAsync();
        await (await agency.CaseManager.GetAsync("/v1/people")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await agency.CaseManager.PostJsonAsync("/v1/people", new JsonObject { ["email"] = "x@example.org", ["role"] = "admin" }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);

        await (await Admin.PostJsonAsync("/v1/people", new JsonObject { ["email"] = "not an email", ["role"] = "reporter" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "email");
        await (await Admin.PostJsonAsync("/v1/people", new JsonObject { ["email"] = "cm@example.org", ["role"] = "case_manager" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "organizationId");
        await InviteAsync(Admin, "once@example.org", "reporter");
        await (await Admin.PostJsonAsync("/v1/people", new JsonObject { ["email"] = "ONCE@example.org", ["role"] = "reporter" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await Admin.PostAsync($"/v1/people/{Guid.NewGuid()}/disable", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await Admin.GetJsonAsync("/v1/people")).AsArray(), Has.Count.EqualTo(1), "nothing refused was written");
    }

    [Test]
    public async Task TheSameEmailInvitedSeveralTimesAtOnceMakesOnePersonAndTheOthersAreToldItExists()
    {
        for (var round = 0; round < 5; round++)
        {
            var email = $"race{round}@example.org";
            var responses = await Together.SendAsync(Enumerable.Range(0, 8).Select(_ => (Func<Task<HttpResponseMessage>>)(() =>
                Admin.PostJsonAsync("/v1/people", new JsonObject { ["email"] = email, ["role"] = "reporter" }))));
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1), email);
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
                Assert.That((string?)(await refused.ExpectProblemAsync(HttpStatusCode.Conflict))["type"], Is.EqualTo("/problems/person-exists"));
        }
        Assert.That((await Admin.GetJsonAsync("/v1/people")).AsArray(), Has.Count.EqualTo(5));
    }
}
