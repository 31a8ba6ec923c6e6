using Housing.Api.Auth;

namespace Housing.Api.Demo;

public sealed record DemoKey(Role Role, string Label, string Key, Guid? OrganizationId, string? OrganizationName);

public sealed class DemoSeeder(ApiKeyStore keys, TimeProvider clock)
{
    public async Task<IReadOnlyList<DemoKey>> SeedAsync(bool serving, CancellationToken ct)
    {
        _ = serving;
        var (_, key) = await keys.CreateAsync(Role.Admin, null, "demo", clock.GetUtcNow(), ct);
        return [new DemoKey(Role.Admin, "demo", key, null, null)];
    }

    public static void Print(IReadOnlyList<DemoKey> demoKeys, TextWriter output)
    {
        foreach (var k in demoKeys) output.WriteLine($"{k.Role}: {k.Key}");
    }
}
