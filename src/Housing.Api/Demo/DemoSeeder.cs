using System.Diagnostics;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Availability;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Organizations;
using Housing.Api.Programs;

namespace Housing.Api.Demo;

/// <summary>
/// Writes the demo county through the ordinary stores, after the same validation the API
/// applies, so demo data can never be data the API would refuse; then issues demo keys.
/// </summary>
public sealed class DemoSeeder(
    OrganizationStore organizations, PartnerStore partners, ProgramStore programs, AvailabilityStore availability, ApiKeyStore keys,
    People.PeopleOperations people, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public const string KeyLabel = "demo";
    /// <summary>Who the audit log says posted and created the demo data.</summary>
    public static readonly Actor Seed = Actor.Service("demo-seed");

    /// <summary>
    /// Seeds the county if the database has no programs, then revokes earlier demo keys and
    /// issues a fresh one per role, so printed keys are always the only demo keys that work.
    /// </summary>
    /// <param name="serving">Whether the service starts after seeding (only changes what is printed).</param>
    /// <param name="atLeast">
    /// Programs wanted (<c>seed --programs N</c>, for trying the service at scale): the county is
    /// generated again with the next seeds until there are at least that many. The first county
    /// is the usual one, so the demo keys and the walk-through work the same.
    /// </param>
    public async Task<DemoSeedResult> SeedAsync(bool serving, CancellationToken ct, int atLeast = 0)
    {
        var now = clock.GetUtcNow();
        var seeded = await programs.AnyAsync(ct) ? null : await SeedCountyAsync(now, atLeast, ct);
        var agency = await FindOrganizationAsync(DemoCounty.CaseManagerAgency, ct);
        var shelter = await FindOrganizationAsync(DemoCounty.ShelterOrganization, ct);
        var shelterPrograms = shelter is null
            ? []
            : await programs.ListAsync(new ProgramFilter(null, null, shelter.Id), ProgramScope.Everything, null, Paging.MaxLimit, ct);
        var shelterProgram = shelterPrograms.FirstOrDefault(p => p.Definition.Name == DemoCounty.ShelterProgram) ?? shelterPrograms.FirstOrDefault();

        await keys.RevokeByLabelAsync(KeyLabel, now, ct);
        var demoKeys = new List<DemoKey> { await IssueAsync(Role.Admin, null, now, ct) };
        if (agency is not null) demoKeys.Add(await IssueAsync(Role.CaseManager, agency, now, ct));
        if (shelter is not null) demoKeys.Add(await IssueAsync(Role.Shelter, shelter, now, ct));
        demoKeys.Add(await IssueAsync(Role.Reporter, null, now, ct));

        var demoPeople = new List<DemoPerson>();
        foreach (var key in demoKeys)
        {
            var email = DemoPerson.EmailFor(key.Role);
            var (password, secret) = await people.DemoPersonAsync(email, key.Role, key.OrganizationId, Seed, ct);
            demoPeople.Add(new DemoPerson(key.Role, email, password, secret, key.OrganizationName));
        }

        return new DemoSeedResult(seeded, demoKeys, shelterPrograms.Count, shelterProgram is null ? null : Ref(shelterProgram), serving, demoPeople);
    }

    public static void Print(DemoSeedResult result, TextWriter output) => DemoOutput.Write(result, output);

    private async Task<DemoSummary> SeedCountyAsync(DateTimeOffset now, int atLeast, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var tally = new DemoSummary.Tally();
        var organizations = 0;
        var seed = DemoCounty.DefaultSeed;
        do
        {
            var county = DemoCounty.Generate(today, seed++);
            var created = new List<(Organization Organization, DemoOrganization Demo)>();
            foreach (var demoOrganization in county.Organizations)
            {
                var organization = await CreateOrganizationAsync(demoOrganization, now, ct);
                created.Add((organization, demoOrganization));
                foreach (var demoProgram in demoOrganization.Programs)
                {
                    var program = await CreateProgramAsync(demoProgram, organization, now, ct);
                    var postedAt = await PostAsync(demoProgram, program, now, today, ct);
                    tally.Add(program, FreshnessGrade.Of(postedAt, now), demoProgram.Posting);
                }
            }
            // Each county's coalition is its own: a copy's agencies partner with that copy's shelters.
            await PartnerAsync(created, now, ct);
            organizations += county.Organizations.Count;
        } while (tally.Programs < atLeast);
        var summary = tally.ToSummary(organizations, Stopwatch.GetElapsedTime(started));
        logger.LogInformation("Seeded the demo county: {Organizations} organisations, {Programs} programs in {ElapsedMs} ms",
            summary.Organizations, summary.Programs, (long)summary.Elapsed.TotalMilliseconds);
        return summary;
    }

    private async Task<Organization> CreateOrganizationAsync(DemoOrganization demo, DateTimeOffset now, CancellationToken ct)
    {
        var v = OrganizationRules.Validate(demo.Request);
        Ensure(v, demo.Request.Name);
        return await organizations.CreateAsync(demo.Request, Seed, now.AddDays(-demo.CreatedDaysAgo), ct);
    }

    /// <summary>
    /// The county's agencies work as one coalition: every organisation with a referral-only
    /// program lists all of them as partners, so the demo case manager is offered those programs
    /// and the walk-through's scenarios find them.
    /// </summary>
    private async Task PartnerAsync(List<(Organization Organization, DemoOrganization Demo)> created, DateTimeOffset now, CancellationToken ct)
    {
        var agencies = created.Select(c => c.Organization)
            .Where(o => o.Type is OrganizationType.Agency or OrganizationType.ProviderAndAgency).Select(o => o.Id).ToList();
        foreach (var (organization, demo) in created)
        {
            if (!demo.Programs.Any(p => p.Request.Eligibility?.ReferralOnly == true)) continue;
            var (outcome, _, _) = await partners.SetAsync(organization.Id, agencies, null, null, Seed, now, ct);
            if (outcome != SetPartnersOutcome.Set) throw new InvalidOperationException($"The demo's partners of {organization.Name} were refused: {outcome}.");
        }
    }

    private async Task<HousingProgram> CreateProgramAsync(DemoProgram demo, Organization organization, DateTimeOffset now, CancellationToken ct)
    {
        var v = new Validation();
        var definition = ProgramRules.Validate(demo.Request with { OrganizationId = organization.Id }, v);
        Ensure(v, demo.Request.Name);
        return await programs.CreateAsync(definition!, Seed, now.AddDays(-demo.CreatedDaysAgo), ct);
    }

    private async Task<DateTimeOffset?> PostAsync(DemoProgram demo, HousingProgram program, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        if (demo.Posting is not { } posting) return null;
        var v = new Validation();
        var counts = AvailabilityRules.Validate(new PostAvailabilityRequest(posting.Counts), program, today, overflow: false, offline: [], v);
        Ensure(v, demo.Request.Name);
        var postedAt = now - posting.Age;
        await availability.PostAsync(program.Id, counts!, null, postedAt, Seed, ct);
        return postedAt;
    }

    private async Task<DemoKey> IssueAsync(Role role, Organization? organization, DateTimeOffset now, CancellationToken ct)
    {
        var (_, key) = await keys.CreateAsync(role, organization?.Id, KeyLabel, Seed, now, ct);
        return new DemoKey(role, KeyLabel, key, organization?.Id, organization?.Name);
    }

    private static DemoProgramRef Ref(HousingProgram program)
    {
        var d = program.Definition;
        return new DemoProgramRef(program.Id, d.Name, d.Kind, d.Confidential,
            d.Inventory.Select(i => i.HouseholdType).Distinct().Order().ToList());
    }

    /// <summary>Found by name: the county's names are fixed by its seed, and an id would differ per database.</summary>
    private async Task<Organization?> FindOrganizationAsync(string name, CancellationToken ct)
    {
        Guid? after = null;
        while (true)
        {
            var page = await organizations.ListAsync(null, null, after, Paging.MaxLimit, ct);
            if (page.FirstOrDefault(o => o.Name == name) is { } found) return found;
            if (page.Count <= Paging.MaxLimit) return null;
            after = page[Paging.MaxLimit - 1].Id;
        }
    }

    /// <summary>Demo data the API would refuse is a bug in the generator: fail loudly, naming the field.</summary>
    private static void Ensure(Validation v, string? name)
    {
        if (v.IsValid) return;
        var errors = string.Join("; ", v.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
        throw new InvalidOperationException($"Demo data for '{name}' is invalid: {errors}");
    }
}
