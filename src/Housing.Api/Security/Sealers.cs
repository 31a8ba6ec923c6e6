using Microsoft.AspNetCore.DataProtection;

namespace Housing.Api.Security;

/// <summary>The values the service seals at rest, each with its own purpose.</summary>
public sealed class Sealers(IDataProtectionProvider provider)
{
    /// <summary>Programs' street addresses: for a confidential program, where survivors sleep.</summary>
    public Sealer Addresses { get; } = new(provider.CreateProtector("Housing.Programs.Address.v1"));

    /// <summary>A watch's safety constraints (where the trafficker looks), kept only while the watch is live.</summary>
    public Sealer WatchSafety { get; } = new(provider.CreateProtector("Housing.Watches.Safety.v1"));

    /// <summary>Webhook signing secrets, which let anyone who holds one forge our events.</summary>
    public Sealer WebhookSecrets { get; } = new(provider.CreateProtector("Housing.Webhooks.Secret.v1"));

    /// <summary>People's authenticator secrets, from which anyone can make their codes.</summary>
    public Sealer TotpSecrets { get; } = new(provider.CreateProtector("Housing.People.Totp.v1"));
}
