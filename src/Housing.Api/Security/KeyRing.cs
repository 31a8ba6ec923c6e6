using System.Security.Cryptography.X509Certificates;
using Housing.Api.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Housing.Api.Security;

public static class KeyRing
{
    /// <summary>
    /// One key ring for everything the app seals: stored addresses and webhook secrets, and the
    /// console's session and antiforgery cookies. Kept in files at <see cref="KeyRingOptions.KeysPath"/>,
    /// shared by every instance under one application name, so a cookie or a sealed value made by
    /// one instance opens on another and after a restart.
    /// </summary>
    public static IServiceCollection AddHousingKeyRing(this IServiceCollection services)
    {
        services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddDataProtection().SetApplicationName("Housing");
        // Configured from options (not read here), so settings a host adds later still apply.
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<KeyRingOptions>, ILoggerFactory>((keys, ring, logs) =>
        {
            var options = ring.Value;
            var folder = new DirectoryInfo(Path.GetFullPath(options.KeysPath, Environment.CurrentDirectory));
            keys.XmlRepository = new FileSystemXmlRepository(folder, logs);
            keys.NewKeyLifetime = TimeSpan.FromDays(options.KeyLifetimeDays);
            if (!string.IsNullOrEmpty(options.CertificatePath))
                keys.XmlEncryptor = new CertificateXmlEncryptor(
                    X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword), logs);
        });
        services.AddSingleton<Sealers>();
        services.AddTransient<SealStoredValues>();
        return services;
    }

    /// <summary>Seals what an older version stored in plain text. Run after the migrations, before serving.</summary>
    public static Task SealStoredValuesAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.GetRequiredService<SealStoredValues>().RunAsync(all: false, ct);

    /// <summary>
    /// Rotation by hand (after a suspected leak of a key file, or on a schedule of your own), run
    /// with the service stopped: makes a new key that is used at once, reseals every stored value
    /// with it, then revokes every older key, so a copy of the old key files no longer opens
    /// anything the database holds. Console sessions end (people sign in again). Routine rotation
    /// needs none of this: a new key is made every <see cref="KeyRingOptions.KeyLifetimeDays"/> and
    /// older keys keep opening what they sealed.
    /// </summary>
    public static async Task<int> RotateAsync(this IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        // A ring of its own, read fresh from the folder: a running host caches its ring, and would
        // go on sealing with the old key.
        await using var ring = new ServiceCollection()
            .AddLogging()
            .AddSingleton(services.GetRequiredService<IOptions<KeyRingOptions>>())
            .AddHousingKeyRing()
            .BuildServiceProvider();
        var keys = ring.GetRequiredService<IKeyManager>();
        var older = keys.GetAllKeys().Where(k => !k.IsRevoked).ToList();
        var lifetime = TimeSpan.FromDays(ring.GetRequiredService<IOptions<KeyRingOptions>>().Value.KeyLifetimeDays);
        var now = DateTimeOffset.UtcNow;
        var key = keys.CreateNewKey(activationDate: now, expirationDate: now + lifetime);
        output.WriteLine($"New key {key.KeyId} made, active from {now:u}.");

        var sealers = ring.GetRequiredService<Sealers>();
        var reseal = new SealStoredValues(services.GetRequiredService<IDbConnectionFactory>(), sealers,
            services.GetRequiredService<ILogger<SealStoredValues>>());
        var count = await reseal.RunAsync(all: true, ct);
        output.WriteLine($"Resealed {count} stored values with it.");
        foreach (var old in older) keys.RevokeKey(old.KeyId, reason: "rotated by hand");
        output.WriteLine($"Revoked {older.Count} older keys. Start the service again.");
        return count;
    }
}
