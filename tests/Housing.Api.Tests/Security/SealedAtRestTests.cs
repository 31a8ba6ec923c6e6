using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Security;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Security;

/// <summary>
/// A confidential program's address and a webhook's secret are sealed before they are stored,
/// with keys kept outside the database: a copy of the database file alone reveals neither.
/// </summary>
public class SealedAtRestTests(DatabaseEngine engine) : HousingTest(engine)
{
    private const string Secret = WebhookTest.ShelterSecret;

    protected override IReadOnlyDictionary<string, string?>? Settings => WebhookTest.FastDelivery();

    [Test]
    public async Task TheDatabaseFileHoldsNoConfidentialAddressNorWebhookSecret()
    {
        var (shelter, id) = await App.NewConfidentialProgramAsync();
        await SetWebhookAsync(shelter);

        Assert.That(await StoredAsync("SELECT address FROM programs"), Does.StartWith(Sealer.Prefix).And.Not.Contain("Hidden Lane"));
        Assert.That(await StoredAsync("SELECT secret FROM webhooks"), Does.StartWith(Sealer.Prefix).And.Not.Contain(Secret));
        if (App.Database is not SqliteTestDatabase sqlite) return; // PostgreSQL's files are the server's, not the test's to read
        var bytes = FileBytes(sqlite.Path);
        Assert.That(Contains(bytes, "Hidden Lane"), Is.False, "the address is nowhere in the file or its journal");
        Assert.That(Contains(bytes, Secret), Is.False, "the secret is nowhere in the file or its journal");
        Assert.That(Contains(bytes, "Safe Haven"), Is.True, "the scan can see plain text: the program's name is there");
    }

    [Test]
    public async Task TheOwnerStillReadsTheAddressAndTheSecretStillSigns()
    {
        var (shelter, id) = await App.NewConfidentialProgramAsync();
        await SetWebhookAsync(shelter);

        var program = await (await shelter.Client.GetAsync($"/v1/programs/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.That((string?)program["address"], Is.EqualTo(Bodies.ConfidentialAddress));
        var webhooks = App.Services.GetRequiredService<Housing.Api.Webhooks.WebhookStore>();
        Assert.That((await webhooks.GetAsync(shelter.OrganizationId, CancellationToken.None))!.Secret, Is.EqualTo(Secret));
    }

    [Test]
    public async Task ValuesStoredInPlainTextBeforeSealingAreSealedAtTheNextStart()
    {
        var (shelter, id) = await App.NewConfidentialProgramAsync();
        await SetWebhookAsync(shelter);
        await ExecuteAsync("UPDATE programs SET address = @address", new { address = Bodies.ConfidentialAddress });
        await ExecuteAsync("UPDATE webhooks SET secret = @secret", new { secret = Secret });
        // A second instance on the same database and key ring, as after an upgrade.

        await using var restarted = new HousingApp(App.Database, Settings);
        var program = await (await restarted.Admin.GetAsync($"/v1/programs/{id}")).ExpectAsync(HttpStatusCode.OK);

        Assert.That((string?)program["address"], Is.EqualTo(Bodies.ConfidentialAddress), "a plain value still reads");
        Assert.That(await StoredAsync("SELECT address FROM programs"), Does.StartWith(Sealer.Prefix));
        Assert.That(await StoredAsync("SELECT secret FROM webhooks"), Does.StartWith(Sealer.Prefix));
    }

    [Test]
    public async Task RotatingKeysResealsEveryValueAndRevokesTheOldKeys()
    {
        var (shelter, id) = await App.NewConfidentialProgramAsync();
        await SetWebhookAsync(shelter);
        var before = await StoredAsync("SELECT address FROM programs");
        var oldKeys = App.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId).ToList();

        var output = new StringWriter();
        var resealed = await App.Services.RotateAsync(output);

        Assert.That(resealed, Is.EqualTo(2), output.ToString());
        var after = await StoredAsync("SELECT address FROM programs");
        Assert.That(after, Is.Not.EqualTo(before).And.StartWith(Sealer.Prefix));
        var keys = App.Services.GetRequiredService<IKeyManager>().GetAllKeys();
        Assert.That(keys.Where(k => oldKeys.Contains(k.KeyId)).Select(k => k.IsRevoked), Is.All.True);
        Assert.That(keys.Count(k => !k.IsRevoked), Is.EqualTo(1));

        Assert.That(KeyIdOf(after), Is.EqualTo(keys.Single(k => !k.IsRevoked).KeyId), "resealed with the new key");

        // Rotation is run with the service stopped: an instance started afterwards reads the new ring.
        await using var restarted = new HousingApp(App.Database, Settings);
        var program = await (await restarted.Admin.GetAsync($"/v1/programs/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.That((string?)program["address"], Is.EqualTo(Bodies.ConfidentialAddress));
        var protector = restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Housing.Programs.Address.v1");
        Assert.Throws<CryptographicException>(() => protector.Unprotect(before[Sealer.Prefix.Length..]),
            "a value sealed with a revoked key no longer opens");
        Assert.That(KeyFiles(), Has.Count.EqualTo(oldKeys.Count + 1), "the keys are files outside the database");
    }

    [Test]
    public async Task AnotherKeyRingCannotOpenWhatThisOneSealed()
    {
        var (shelter, _) = await App.NewConfidentialProgramAsync();
        var stored = await StoredAsync("SELECT address FROM programs");

        using var elsewhere = new TempDirectory();
        var stranger = DataProtectionProvider.Create(new DirectoryInfo(elsewhere.Path), b => b.SetApplicationName("Housing"));
        var sealers = new Sealers(stranger);

        Assert.Throws<CryptographicException>(() => sealers.Addresses.Open(stored));
    }

    /// <summary>Data Protection's payload starts with a 4-byte magic header, then the id of the key that sealed it.</summary>
    private static Guid KeyIdOf(string stored)
    {
        var payload = stored[Sealer.Prefix.Length..].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return new Guid(Convert.FromBase64String(payload).AsSpan(4, 16));
    }

    private IReadOnlyList<string> KeyFiles() => Directory.GetFiles(App.KeysPath, "key-*.xml");

    private static async Task SetWebhookAsync(Shelter shelter) =>
        await (await shelter.Client.PutJsonAsync($"/v1/organizations/{shelter.OrganizationId}/webhook",
            new System.Text.Json.Nodes.JsonObject { ["url"] = "http://127.0.0.1:9/housing", ["secret"] = Secret }))
            .ExpectAsync(HttpStatusCode.OK);

    private async Task<string> StoredAsync(string sql)
    {
        await using var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return await db.QuerySingleAsync<string>(sql);
    }

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await db.ExecuteAsync(sql, parameters);
    }

    private static byte[] FileBytes(string databasePath) =>
        new[] { databasePath, databasePath + "-wal" }.Where(File.Exists).SelectMany(File.ReadAllBytes).ToArray();

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
