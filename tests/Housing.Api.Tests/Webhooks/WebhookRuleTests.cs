using System.Net;
using Housing.Api.Webhooks;

namespace Housing.Api.Tests.Webhooks;

/// <summary>The pure parts: the signature a shelter recomputes, the backoff between attempts, and which addresses are public.</summary>
public sealed class WebhookRuleTests
{
    private const string Secret = "whsec-example-0123456789abcdef0123456789abcdef";
    private const string Body = """{"id":"0190a000-0000-7000-8000-000000000001","type":"referral.offered"}""";

    [Test]
    public void TheSignatureIsWhatOpensslComputesOverTimestampDotBody()
    {
        // printf '%s' "1767225600.$BODY" | openssl dgst -sha256 -hmac "$SECRET"
        Assert.That(WebhookSigner.Sign(Secret, 1767225600, Body),
            Is.EqualTo("v1=6d91e5752904c25606ac61ff42734abee3264b43ab543ed2a8c3dd6df984fb8e"));
    }

    [Test]
    public void ASignatureVerifiesOnlyWithItsSecretTimestampAndBody()
    {
        var signature = WebhookSigner.Sign(Secret, 1767225600, Body);
        Assert.That(WebhookSigner.Verify(Secret, "1767225600", Body, signature), Is.True);
        Assert.That(WebhookSigner.Verify(Secret + "x", "1767225600", Body, signature), Is.False);
        Assert.That(WebhookSigner.Verify(Secret, "1767225601", Body, signature), Is.False);
        Assert.That(WebhookSigner.Verify(Secret, "1767225600", Body.Replace("offered", "accepted"), signature), Is.False);
        Assert.That(WebhookSigner.Verify(Secret, "not-a-time", Body, signature), Is.False);
    }

    [TestCase(1, 0.0, 30)]
    [TestCase(1, 1.0, 60)]
    [TestCase(2, 0.0, 60)]
    [TestCase(3, 1.0, 240)]
    [TestCase(12, 0.0, 10800)]
    [TestCase(12, 1.0, 21600)]
    [TestCase(1000, 1.0, 21600)]
    public void TheBackoffDoublesUpToItsCapAndNeverFallsBelowHalf(int failures, double random, int seconds) =>
        Assert.That(Backoff.After(failures, TimeSpan.FromSeconds(60), TimeSpan.FromHours(6), random), Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [TestCase("93.184.215.14", true)]
    [TestCase("8.8.8.8", true)]
    [TestCase("2606:4700::1111", true)]
    [TestCase("::ffff:93.184.215.14", true)]
    [TestCase("64:ff9b::808:808", true)]
    [TestCase("127.0.0.1", false)]
    [TestCase("10.255.255.255", false)]
    [TestCase("172.31.0.1", false)]
    [TestCase("172.32.0.1", true)]
    [TestCase("192.168.0.1", false)]
    [TestCase("100.64.0.1", false)]
    [TestCase("100.128.0.1", true)]
    [TestCase("169.254.169.254", false)]
    [TestCase("0.0.0.0", false)]
    [TestCase("224.0.0.1", false)]
    [TestCase("255.255.255.255", false)]
    [TestCase("198.18.0.1", false)]
    [TestCase("::", false)]
    [TestCase("::1", false)]
    [TestCase("::ffff:10.0.0.1", false)]
    [TestCase("::ffff:169.254.169.254", false)]
    [TestCase("fc00::1", false)]
    [TestCase("fdff:ffff::1", false)]
    [TestCase("fe80::1", false)]
    [TestCase("ff02::1", false)]
    [TestCase("64:ff9b::7f00:1", false)]
    [TestCase("2002:c0a8:0101::1", false)]
    [TestCase("2002:5db8:d70e::1", true)]
    [TestCase("2001:db8::1", false)]
    public void OnlyGloballyRoutableAddressesArePublic(string address, bool isPublic) =>
        Assert.That(EndpointGuard.IsPublic(IPAddress.Parse(address)), Is.EqualTo(isPublic));
}
