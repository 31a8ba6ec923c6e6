using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Security;

/// <summary>
/// Each key has a token bucket; past it, 429 problem+json with Retry-After. Requests without a
/// valid key share their address's smaller bucket, which slows anyone guessing keys or passwords. Health
/// checks are never limited, so a load balancer never takes a busy instance out of service.
/// </summary>
public class RateLimitTests(DatabaseEngine engine) : HousingTest(engine)
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["RateLimits:PerKeyPerSecond"] = "1",
        ["RateLimits:PerKeyBurst"] = "5",
        ["RateLimits:AnonymousPerSecond"] = "1",
        ["RateLimits:AnonymousBurst"] = "5",
    };

    [Test]
    public async Task AKeyPastItsBurstIsToldToWaitAndOtherKeysAreNot()
    {
        var caseManager = await App.ClientForRoleAsync("case_manager", await Admin.CreateOrganizationAsync("Hotline", "agency"));
        var other = await App.ClientForRoleAsync("reporter");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 12 && limited is null; i++)
        {
            var response = await caseManager.GetAsync("/v1/programs");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }

        Assert.That(limited, Is.Not.Null, $"12 requests at once against a burst of 5: {string.Join(", ", statuses)}");
        Assert.That(statuses.Take(5), Is.All.EqualTo(HttpStatusCode.OK), "the burst passes");
        Assert.That(limited!.Headers.RetryAfter?.Delta, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
        var problem = await limited.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/rate-limited"));
        Assert.That((await other.GetAsync("/v1/programs")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "another key has its own bucket");
    }

    [Test]
    public async Task GuessingPasswordsOnTheSignInPageFromOneAddressIsSlowedDown()
    {
        var browser = App.CreateClient();
        var page = await (await browser.GetAsync("/")).Content.ReadAsStringAsync();
        Task<HttpResponseMessage> GuessAsync(int i) => browser.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "someone@example.org",
            ["Password"] = $"guess number {i} of many",
            ["__RequestVerificationToken"] = ConsoleBrowser.Token(page),
        }));

        // A first try, then eleven at once: a sign-in takes its time (the password hash), and
        // one after another on a busy machine they would come slower than the bucket refills.
        var statuses = new List<HttpStatusCode> { (await GuessAsync(0)).StatusCode };
        statuses.AddRange((await Task.WhenAll(Enumerable.Range(1, 11).Select(GuessAsync))).Select(r => r.StatusCode));

        Assert.That(statuses, Has.Member(HttpStatusCode.TooManyRequests), $"12 sign-in posts against an address's burst of 5: {string.Join(", ", statuses)}");
        Assert.That(statuses.First(), Is.EqualTo(HttpStatusCode.OK), "a first try is answered");
    }

    [Test]
    public async Task GuessingKeysFromOneAddressIsSlowedDown()
    {
        var guesser = App.Client("hk_0123456789abcdef0123456789abcdef_" + new string('x', 43));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) statuses.Add((await guesser.GetAsync("/v1/programs")).StatusCode);

        Assert.That(statuses.Take(5), Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task HealthChecksAreNeverLimited()
    {
        var anonymous = App.Client(null);
        for (var i = 0; i < 20; i++)
            Assert.That((await anonymous.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {i + 1}");
    }
}
