using Housing.Api.Organizations;
using Housing.Api.Programs;

namespace Housing.Api.Demo;

/// <summary>
/// A made-up Los Angeles County of shelters and housing programs, as plain requests: pure,
/// no I/O, and the same for the same seed. Program requests carry no organisation id;
/// the seeder fills it in once the organisation exists.
/// </summary>
public sealed record DemoCounty(IReadOnlyList<DemoOrganization> Organizations)
{
    public const int DefaultSeed = 20261125;

    /// <summary>The anti-trafficking agency the demo case manager works for.</summary>
    public const string CaseManagerAgency = "Pacific Coalition Against Trafficking";

    /// <summary>The provider the demo shelter key belongs to: several programs, one of them confidential.</summary>
    public const string ShelterOrganization = "Esperanza Community Housing";

    /// <summary>
    /// The shelter's program the README's walk-through uses: a confidential safe house for
    /// women with children, whose only inventory is family units, so one count is a whole post.
    /// </summary>
    public const string ShelterProgram = "Casa Esperanza Safe House";

    public IEnumerable<DemoProgram> Programs => Organizations.SelectMany(o => o.Programs);

    /// <param name="today">Dates inventory so that all of it is in force today; names and counts do not depend on it.</param>
    public static DemoCounty Generate(DateOnly today, int seed = DefaultSeed) => new DemoCountyGenerator(seed, today).Generate();
}

public sealed record DemoOrganization(CreateOrganizationRequest Request, int CreatedDaysAgo, IReadOnlyList<DemoProgram> Programs);

public sealed record DemoProgram(ProgramRequest Request, int CreatedDaysAgo, DemoPosting? Posting);

internal sealed class DemoCountyGenerator
{
    private const int TargetPrograms = 150;

    private readonly DemoRandom _r;
    private readonly DemoInventory _inventory;
    private readonly DemoEligibility _eligibility;
    private readonly HashSet<string> _programNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _phones = new(StringComparer.Ordinal);

    /// <summary>
    /// Programs of each kind still to place: about 60% emergency, 25% transitional and 15%
    /// rapid rehousing. Drawing archetypes in proportion to what is left keeps the county
    /// near that mix whatever each organisation's profile happens to draw.
    /// </summary>
    private readonly Dictionary<ProgramKind, int> _kindsLeft = new()
    {
        [ProgramKind.Emergency] = TargetPrograms * 60 / 100,
        [ProgramKind.Transitional] = TargetPrograms * 25 / 100 + 1,
        [ProgramKind.RapidRehousing] = TargetPrograms * 15 / 100,
    };

    public DemoCountyGenerator(int seed, DateOnly today)
    {
        _r = new DemoRandom(seed);
        _inventory = new DemoInventory(_r, today);
        _eligibility = new DemoEligibility(_r, new DemoRandom(unchecked(seed * 31 + 1)));
    }

    public DemoCounty Generate()
    {
        var esperanza = new DemoBrand("Esperanza", "spa-4", "es");
        List<DemoOrganization> organizations =
        [
            Agency(DemoCounty.CaseManagerAgency, "spa-4", "pcat"),
            Organization(DemoCounty.ShelterOrganization, OrganizationType.Provider, esperanza,
            [
                Program(DemoArchetype.FamilyShelter, esperanza, "spa-4", "Casa Esperanza Family Shelter"),
                Program(DemoArchetype.BridgeHousing, esperanza, "spa-4", "Esperanza Bridge Shelter"),
                Program(DemoArchetype.FamilySafeHouse, esperanza, "spa-4", DemoCounty.ShelterProgram),
                Program(DemoArchetype.WomensTransitional, esperanza, "spa-2", "Esperanza Women's Transitional Residence"),
                Program(DemoArchetype.SurvivorRapidRehousing, esperanza, "spa-4", "Esperanza Rapid Rehousing"),
            ]),
            Agency("Antelope Valley Crisis Line", "spa-1", "avcrisisline"),
            Agency("Harbor Area Survivor Advocacy Project", "spa-8", "hasap"),
            Agency("Westside Legal Advocacy Center", "spa-5", "westsidelegal"),
        ];
        var remaining = TargetPrograms - organizations.Sum(o => o.Programs.Count);
        var seen = new Dictionary<string, int>();
        foreach (var (profile, brand, region, count) in PlanProviders(remaining))
        {
            var nth = seen[profile.Name] = seen.GetValueOrDefault(profile.Name) + 1;
            // Two of the survivor organisations also refer from their own hotlines.
            var type = profile.Name == DemoProfiles.SurvivorsProfile && nth <= 2
                ? OrganizationType.ProviderAndAgency
                : OrganizationType.Provider;
            var name = $"{brand.Name} {_r.Pick(profile.Suffixes)}";
            var programs = Enumerable.Range(0, count).Select(i =>
            {
                var archetype = i == 0 && nth <= profile.Flagships.Length
                    ? profile.Flagships[nth - 1]
                    : _r.Weighted(profile.Archetypes
                        .Select(a => (a.Archetype, a.Weight * Math.Max(0.05, _kindsLeft[DemoArchetypes.Kind(a.Archetype)])))
                        .ToArray());
                var programRegion = i == 0 || _r.Chance(0.75) ? region : WeightedRegion();
                return Program(archetype, brand, programRegion, null);
            }).ToList();
            organizations.Add(Organization(name, type, brand with { Region = region }, programs));
        }
        return new DemoCounty(organizations);
    }

    /// <summary>Providers by profile, each with a home region and a program count adding up to <paramref name="programs"/>.</summary>
    private List<(DemoProfile Profile, DemoBrand Brand, string Region, int Count)> PlanProviders(int programs)
    {
        var brands = new Queue<DemoBrand>(_r.Shuffle(DemoProfiles.Brands));
        var plans = DemoProfiles.All
            .SelectMany(p => Enumerable.Range(0, p.Organizations).Select(_ => p))
            .Select(p =>
            {
                var brand = brands.Dequeue();
                return (Profile: p, Brand: brand, Region: brand.Region ?? WeightedRegion(), Count: p.MinPrograms);
            })
            .ToList();
        // Interleave the profiles, so no kind of organisation comes last and finds its kinds used up.
        plans = _r.Shuffle(plans);
        while (plans.Sum(p => p.Count) < programs)
        {
            var growable = Enumerable.Range(0, plans.Count).Where(i => plans[i].Count < plans[i].Profile.MaxPrograms).ToArray();
            if (growable.Length == 0) throw new InvalidOperationException("Demo profiles cannot hold that many programs.");
            var i = _r.Weighted(growable.Select(i => (i, plans[i].Profile.Growth)).ToArray());
            plans[i] = plans[i] with { Count = plans[i].Count + 1 };
        }
        return plans;
    }

    private DemoOrganization Agency(string name, string region, string slug) =>
        new(new CreateOrganizationRequest(name, OrganizationType.Agency, region, Phone(DemoGeography.Spa(region)), $"info@{slug}.example.org"),
            _r.Int(400, 3000), []);

    private DemoOrganization Organization(string name, OrganizationType type, DemoBrand brand, IReadOnlyList<DemoProgram> programs)
    {
        var spa = DemoGeography.Spa(brand.Region!);
        var request = new CreateOrganizationRequest(name, type, spa.Region, Phone(spa), $"info@{Domain(brand)}");
        return new DemoOrganization(request, _r.Int(400, 3000), programs);
    }

    private DemoProgram Program(DemoArchetype archetype, DemoBrand brand, string region, string? fixedName)
    {
        var spa = DemoGeography.Spa(region);
        var kind = DemoArchetypes.Kind(archetype);
        _kindsLeft[kind]--;
        var hudProjectType = DemoArchetypes.HudProjectType(_r, archetype);
        var maxStayDays = DemoArchetypes.MaxStayDays(_r, archetype);
        var location = DemoGeography.Scatter(_r, spa);
        var (place, address) = DemoGeography.Address(_r, spa);
        var name = fixedName ?? $"{brand.Name} {_r.Pick(DemoArchetypes.Suffixes(archetype))}";
        if (!_programNames.Add(name) && !_programNames.Add(name = $"{name} ({place.Name})"))
        {
            var n = 2;
            while (!_programNames.Add($"{name} {n}")) n++;
            name = $"{name} {n}";
        }

        var inventory = _inventory.For(archetype);
        var hudFunded = _r.Chance(DemoArchetypes.HudShare(archetype));
        var servesFamilies = inventory.Any(i => i.HouseholdType == HouseholdType.AdultsWithChildren);
        // Drawn here, where the argument was: the same draws in the same order as before intake hours.
        var intake = DemoArchetypes.Intake(_r, archetype, Phone(spa), Domain(brand));
        var request = new ProgramRequest(
            OrganizationId: null,
            Name: name,
            Kind: kind,
            HudProjectType: hudProjectType,
            MaxStayDays: maxStayDays,
            Region: spa.Region,
            Location: location,
            Confidential: DemoArchetypes.IsConfidential(archetype),
            Address: address,
            IntakeContact: intake,
            HudFunded: hudFunded,
            Services: DemoArchetypes.Services(_r, archetype),
            Inventory: inventory,
            Eligibility: _eligibility.For(archetype, spa, brand, servesFamilies, hudFunded),
            IntakeHours: DemoArchetypes.IntakeHours(intake.Hours));
        return DemoRooms.Apply(new DemoProgram(request, _r.Int(20, 400), DemoPostings.For(_r, kind, inventory)), archetype);
    }

    private string WeightedRegion() => _r.Weighted(DemoGeography.Spas.Select(s => (s.Region, (double)s.Weight)).ToArray());

    /// <summary>555-0100 to 555-0199 are the numbers set aside for fiction; unique across the county.</summary>
    private string Phone(DemoSpa spa)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var phone = $"({_r.Pick(spa.AreaCodes)}) 555-01{_r.Int(0, 99):00}";
            if (_phones.Add(phone)) return phone;
        }
        throw new InvalidOperationException($"No fictional phone numbers left in {spa.Region}.");
    }

    private static string Domain(DemoBrand brand) =>
        new string(brand.Name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray()) + ".example.org";
}
