using System.ComponentModel.DataAnnotations;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Housing.Api.Mail;

/// <summary>Where the service sends mail (the <c>Mail</c> section); with no host, it sends none and says so where it would have.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The SMTP server; empty (the default): no mail is sent.</summary>
    [StringLength(253)] public string Host { get; set; } = "";

    [Range(1, 65535)] public int Port { get; set; } = 587;

    /// <summary>The sender, such as <c>Housing &lt;beds@example.org&gt;</c>.</summary>
    [StringLength(320)] public string From { get; set; } = "Housing <housing@localhost>";

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>How the connection is secured: <c>StartTls</c> (the default), <c>SslOnConnect</c>, or <c>None</c> (a local relay only).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public bool Configured => Host.Length > 0;
}

/// <summary>Sends one plain-text message; a failure is logged (never the message) and reported to the caller, who has another way to pass it on.</summary>
public sealed class Mailer(IOptions<MailOptions> options, ILogger<Mailer> logger)
{
    public bool Configured => options.Value.Configured;

    /// <summary>True when the server took the message.</summary>
    public async Task<bool> SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Configured) return false;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(o.Host, o.Port, o.Security, ct);
            if (o.UserName.Length > 0) await client.AuthenticateAsync(o.UserName, o.Password, ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Mail to the SMTP server {Host} failed: {Error}", o.Host, e.GetType().Name);
            return false;
        }
    }
}
