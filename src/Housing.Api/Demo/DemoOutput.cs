using Housing.Api.Auth;
using Housing.Api.Availability;
using Housing.Api.Http;
using Housing.Api.Programs;

namespace Housing.Api.Demo;

public sealed record DemoKey(Role Role, string Label, string Key, Guid? OrganizationId, string? OrganizationName);

/// <summary>A demo person: how they sign in to the console; the authenticator key for the roles that need codes.</summary>
public sealed record DemoPerson(Role Role, string Email, string Password, string? TotpSecret, string? OrganizationName)
{
    public static string EmailFor(Role role) => $"{HousingJson.Text(role).Replace('_', '.')}@demo.housing.example";
}

/// <summary>A program named in the output, with the household types a post for it must give.</summary>
public sealed record DemoProgramRef(Guid Id, string Name, ProgramKind Kind, bool Confidential, IReadOnlyList<HouseholdType> HouseholdTypes);

/// <param name="Seeded">What this call created; null when the database already had programs.</param>
/// <param name="ShelterPrograms">How many programs the shelter key can manage.</param>
public sealed record DemoSeedResult(
    DemoSummary? Seeded, IReadOnlyList<DemoKey> Keys, int ShelterPrograms, DemoProgramRef? ShelterProgram, bool Serving,
    IReadOnlyList<DemoPerson>? People = null);

public sealed record DemoSummary(
    int Organizations,
    int Programs,
    IReadOnlyDictionary<ProgramKind, int> ByKind,
    IReadOnlyDictionary<Freshness, int> ByFreshness,
    int Confidential,
    int HudFunded,
    int HudChildAgeWarnings,
    int WithOpenCapacity,
    TimeSpan Elapsed)
{
    internal sealed class Tally
    {
        private readonly List<(HousingProgram Program, Freshness Freshness, bool Open)> _programs = [];

        public int Programs => _programs.Count;

        public void Add(HousingProgram program, Freshness freshness, DemoPosting? posting) =>
            _programs.Add((program, freshness, posting?.Counts.Any(c => c.Beds > 0 || c.Slots > 0) ?? false));

        public DemoSummary ToSummary(int organizations, TimeSpan elapsed) => new(
            organizations,
            _programs.Count,
            Enum.GetValues<ProgramKind>().ToDictionary(k => k, k => _programs.Count(p => p.Program.Definition.Kind == k)),
            Enum.GetValues<Freshness>().ToDictionary(f => f, f => _programs.Count(p => p.Freshness == f)),
            _programs.Count(p => p.Program.Definition.Confidential),
            _programs.Count(p => p.Program.Definition.HudFunded),
            _programs.Count(p => EligibilityRules.Warnings(p.Program.Definition).Count > 0),
            _programs.Count(p => p.Open),
            elapsed);
    }
}

/// <summary>
/// What <c>seed</c> and <c>--demo</c> print to standard output, never to the logs: keys
/// must not end up in a log store. The export lines can be pasted into bash or zsh as they are.
/// </summary>
internal static class DemoOutput
{
    public static void Write(DemoSeedResult result, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Housing demo: Los Angeles County's 8 Service Planning Areas (spa-1 to spa-8), seed {DemoCounty.DefaultSeed}");
        if (result.Seeded is { } s)
        {
            output.WriteLine($"  Seeded {s.Organizations} organisations and {s.Programs} programs in {s.Elapsed.TotalSeconds:0.0} s:");
            output.WriteLine($"    {Count(s.ByKind, ProgramKind.Emergency)} emergency, {Count(s.ByKind, ProgramKind.Transitional)} transitional, " +
                $"{Count(s.ByKind, ProgramKind.RapidRehousing)} rapid_rehousing; {s.Confidential} confidential; {s.HudFunded} HUD-funded " +
                $"({s.HudChildAgeWarnings} with the hud_child_age_limit warning)");
            output.WriteLine($"    latest availability: {Count(s.ByFreshness, Freshness.Fresh)} fresh (under 2 h), " +
                $"{Count(s.ByFreshness, Freshness.Aging)} aging (2-8 h), {Count(s.ByFreshness, Freshness.Stale)} stale (over 8 h), " +
                $"{Count(s.ByFreshness, Freshness.Unknown)} never posted; {s.WithOpenCapacity} with open capacity, the rest full");
        }
        else
        {
            output.WriteLine("  The database already has programs: kept them, seeded nothing.");
        }

        output.WriteLine("  Demo keys, one per role (earlier demo keys are revoked; these work until the next seed):");
        foreach (var key in result.Keys)
        {
            var bound = key.OrganizationName is null ? "" : $"bound to {key.OrganizationName}";
            if (key.Role == Role.Shelter) bound += $" ({result.ShelterPrograms} programs)";
            output.WriteLine($"    {Variable(key.Role),-17} {HousingJson.Text(key.Role),-13} {bound}".TrimEnd());
        }
        if (result.Keys.All(k => k.Role != Role.CaseManager))
            output.WriteLine($"    (no case manager key: this database has no organisation named \"{DemoCounty.CaseManagerAgency}\")");
        if (result.Keys.All(k => k.Role != Role.Shelter))
            output.WriteLine($"    (no shelter key: this database has no organisation named \"{DemoCounty.ShelterOrganization}\")");
        if (result.ShelterProgram is { } program)
        {
            output.WriteLine($"    SHELTER_PROGRAM_ID is {program.Name}{(program.Confidential ? " (confidential)" : "")}; a post for it gives " +
                string.Join(" and ", program.HouseholdTypes.Select(t => HousingJson.Text(t))) +
                (program.Kind == ProgramKind.RapidRehousing ? " open slots" : " open beds"));
        }
        if (result.People is { Count: > 0 } demoPeople)
        {
            output.WriteLine("  Demo people, one per role, to sign in to the console (new passwords and authenticator keys each start):");
            foreach (var person in demoPeople)
            {
                var codes = person.TotpSecret is null ? "" : $", authenticator key {person.TotpSecret}";
                output.WriteLine($"    {person.Email,-38} password {person.Password}{codes}");
            }
            output.WriteLine("    A code from a key, without an app: see the README (\"Signing in as a person\").");
        }
        output.WriteLine(result.Serving ? "  The service starts below." : "  Start the service to use them.");

        output.WriteLine();
        output.WriteLine("Paste into your shell:");
        foreach (var key in result.Keys) output.WriteLine($"export {Variable(key.Role)}={key.Key}");
        if (result.ShelterProgram is { } p) output.WriteLine($"export SHELTER_PROGRAM_ID={p.Id}");
        foreach (var person in result.People ?? [])
        {
            var prefix = HousingJson.Text(person.Role).ToUpperInvariant();
            output.WriteLine($"export {prefix}_EMAIL={person.Email} {prefix}_PASSWORD={person.Password}" +
                (person.TotpSecret is null ? "" : $" {prefix}_TOTP={person.TotpSecret}"));
        }
        output.WriteLine();
        output.Flush();
    }

    private static string Variable(Role role) => HousingJson.Text(role).ToUpperInvariant() + "_KEY";

    private static int Count<T>(IReadOnlyDictionary<T, int> counts, T key) where T : notnull => counts.GetValueOrDefault(key);
}
