using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Demo;
using Housing.Api.Errors;
using Housing.Api.Programs;

namespace Housing.Bench;

/// <summary>
/// A catalog of any size built from the demo county: the county's programs (validated as the
/// API validates them) repeated, each copy under new organisation and program ids, moved up to
/// about a kilometre, with its own random open counts and posting time. A fixed seed, so every
/// run and every size sees the same programs.
/// </summary>
public static class BenchCatalog
{
    /// <summary>A fixed day, so inventory dates and freshness grades do not depend on when the benchmark runs.</summary>
    public static readonly DateOnly Today = new(2026, 3, 2);

    /// <summary>Early evening in Los Angeles, when most searches for tonight happen.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 3, 2, 0, 0, TimeSpan.Zero);

    public const int Seed = 20260302;

    /// <summary>Distinct demo counties the copies cycle through (each seed gives 150 different programs).</summary>
    private const int Counties = 8;

    public static List<CatalogEntry> Build(int programs, int seed = Seed)
    {
        var templates = Templates();
        var r = new Random(seed);
        var entries = new List<CatalogEntry>(programs);
        var organizations = new Dictionary<(int Copy, Guid Template), Guid>();
        for (var i = 0; i < programs; i++)
        {
            var copy = i / templates.Count;
            var t = templates[i % templates.Count];
            if (!organizations.TryGetValue((copy, t.OrganizationId), out var organizationId))
                organizations[(copy, t.OrganizationId)] = organizationId = NewGuid(r);
            // Confidential programs show only their SPA as location; jitter them too, it costs nothing.
            var location = new GeoPoint(
                Math.Round(t.Location.Latitude + (r.NextDouble() - 0.5) * 0.02, 4),
                Math.Round(t.Location.Longitude + (r.NextDouble() - 0.5) * 0.024, 4));
            var definition = t with { OrganizationId = organizationId, Location = location };
            var created = Now.AddDays(-r.Next(20, 400));
            var program = new HousingProgram(NewGuid(r), definition, 1, created, created);
            entries.Add(new CatalogEntry(program, Post(r, program, entries.Count + 1)));
        }
        // The catalog hands entries over in id order.
        entries.Sort((a, b) => GuidOrder.Instance.Compare(a.Program.Id, b.Program.Id));
        return entries;
    }

    /// <summary>Several demo counties' programs, validated into definitions (organisation ids stand in per demo organisation).</summary>
    private static List<ProgramDefinition> Templates()
    {
        var list = new List<ProgramDefinition>();
        for (var c = 0; c < Counties; c++)
        {
            var county = DemoCounty.Generate(Today, DemoCounty.DefaultSeed + c);
            foreach (var organization in county.Organizations)
            {
                var organizationId = Guid.NewGuid(); // replaced per copy; only used as a key
                foreach (var demo in organization.Programs)
                {
                    var v = new Validation();
                    var definition = ProgramRules.Validate(demo.Request with { OrganizationId = organizationId }, v);
                    if (!v.IsValid || definition is null)
                        throw new InvalidOperationException($"Demo program '{demo.Request.Name}' does not validate.");
                    list.Add(definition);
                }
            }
        }
        return list;
    }

    /// <summary>
    /// As a county looks: 7% never posted; most posted within two hours, some hours or days
    /// ago; about three in four household types full, the others with a few open beds (or, where
    /// the program houses by room, one to three open rooms).
    /// </summary>
    private static Snapshot? Post(Random r, HousingProgram program, long snapshotId)
    {
        var roll = r.NextDouble();
        if (roll < 0.07) return null;
        var age = roll < 0.72 ? TimeSpan.FromMinutes(r.Next(3, 116))
            : roll < 0.89 ? TimeSpan.FromMinutes(r.Next(130, 466))
            : TimeSpan.FromHours(r.Next(9, 401));
        var isSlots = program.Definition.Kind == ProgramKind.RapidRehousing;
        var counts = AvailabilityRules.Capacity(program, Today, overflow: false, offline: [])
            .OrderBy(c => c.Key)
            .Select(c =>
            {
                if (r.NextDouble() < 0.72) return new OpenCount(c.Key, 0, 0, 0);
                if (isSlots) return new OpenCount(c.Key, 0, 0, r.Next(1, Math.Max(1, c.Value.Slots / 4) + 1));
                if (program.Definition.HousesByUnit(c.Key))
                {
                    // Housed by room: one to three of its rooms open, of sizes drawn from its own.
                    var open = program.Definition.UnitsOf(c.Key).Select(u => u with { Count = 0 }).ToArray();
                    for (var n = r.Next(1, 4); n > 0; n--)
                    {
                        var j = r.Next(open.Length);
                        if (open[j].Count < program.Definition.UnitsOf(c.Key)[j].Count) open[j] = open[j] with { Count = open[j].Count + 1 };
                    }
                    var rooms = open.Where(u => u.Count > 0).ToList();
                    return new OpenCount(c.Key, rooms.Sum(u => u.Beds * u.Count), rooms.Sum(u => u.Count), 0, rooms);
                }
                var beds = r.Next(1, Math.Max(1, c.Value.Beds / 3) + 1);
                return new OpenCount(c.Key, beds, Math.Min(beds, Math.Max(1, beds / 3)), 0);
            })
            .ToList();
        return new Snapshot(snapshotId, program.Id, Now - age, counts);
    }

    private static Guid NewGuid(Random r)
    {
        Span<byte> bytes = stackalloc byte[16];
        r.NextBytes(bytes);
        return new Guid(bytes);
    }
}
