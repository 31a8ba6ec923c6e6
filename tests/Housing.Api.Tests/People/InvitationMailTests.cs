using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using netDumbster.smtp;

namespace Housing.Api.Tests.People;

/// <summary>With an SMTP server configured, an invitation's link is emailed as well as shown; without one, or when the server is down, the admin is told to pass it on.</summary>
public sealed class InvitationMailTests(DatabaseEngine engine) : HousingTest(engine)
{
    private SimpleSmtpServer? _smtp;

    private SimpleSmtpServer Smtp => _smtp ??= SimpleSmtpServer.Start();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
        ["Mail:From"] = "Housing <beds@example.org>",
    };

    [TearDown]
    public void StopSmtp() => _smtp?.Dispose();

    [Test]
    public async Task AnInvitationIsEmailedWithItsLink()
    {
        var created = await (await Admin.PostJsonAsync("/v1/people", new JsonObject { ["email"] = "mail.me@example.org", ["role"] = "reporter" }))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.That((bool?)created["emailed"], Is.True);
        var message = Smtp.ReceivedEmail.Single();
        Assert.That(message.ToAddresses.Single().Address, Is.EqualTo("mail.me@example.org"));
        Assert.That(message.MessageParts.Single().BodyData, Does.Contain((string)created["link"]!));
    }

    [Test]
    public async Task WhenTheServerIsDownTheAdminIsToldToPassTheLinkOn()
    {
        Smtp.Stop();
        var created = await (await Admin.PostJsonAsync("/v1/people", new JsonObject { ["email"] = "no.mail@example.org", ["role"] = "reporter" }))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.That((bool?)created["emailed"], Is.False);
        Assert.That((string?)created["link"], Does.Contain("/account/welcome?token="), "the link is still there to pass on");
    }
}
