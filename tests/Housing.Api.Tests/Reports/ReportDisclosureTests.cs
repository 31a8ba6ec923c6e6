using Housing.Api.Availability;
using Housing.Api.Programs;
using Housing.Api.Reports;

namespace Housing.Api.Tests.Reports;

/// <summary>
/// What a reader of the published report can work out about one confidential program by
/// adding and subtracting its figures across dimensions. Pure: the builder on hand-made inputs.
/// </summary>
public sealed class ReportDisclosureTests
{
    private const int Threshold = 3;

    /// <summary>
    /// The attack of issue 14: organisation X runs three confidential programs in spa-4 and
    /// organisation Y one, beside two public programs. Z's two and W's three elsewhere are what
    /// let the per-dimension complementary suppression publish spa-4 and X. Then spa-4, less X,
    /// less the public programs' rows, was Y's safe house exactly.
    /// </summary>
    [Test]
    public void RegionLessAnOrganisationLessThePublicRowsDoesNotGiveTheLoneSafeHouse()
    {
        var layout = new Layout(seed: 14);
        Guid harbor = Guid.NewGuid(), x = Guid.NewGuid(), y = Guid.NewGuid(), z = Guid.NewGuid(), w = Guid.NewGuid();
        var publics = new[] { layout.Add(harbor, "spa-4", confidential: false), layout.Add(harbor, "spa-4", confidential: false) };
        for (var i = 0; i < 3; i++) layout.Add(x, "spa-4", confidential: true);
        var safeHouse = layout.Add(y, "spa-4", confidential: true);
        for (var i = 0; i < 2; i++) layout.Add(z, "spa-5", confidential: true);
        for (var i = 0; i < 3; i++) layout.Add(w, "spa-6", confidential: true);
        var inputs = layout.Inputs();
        var report = ReportBuilder.Build(inputs, 24, Threshold, Layout.End);

        var region = Group(report, "region", "spa-4");
        var organisation = Group(report, "organization", x.ToString());
        Vec? recovered = region is null || organisation is null ? null
            : publics.Aggregate(region.Value - organisation.Value, (v, p) => v - Vec.Of(report.Programs.Single(r => r.ProgramId == p).Figures));
        Assert.That(recovered, Is.Not.EqualTo(Own(inputs, safeHouse)), "spa-4 less X less the public rows");
        Assert.That(Disclosure.Find(Published(report), Own(inputs, safeHouse)), Is.Null);
    }

    /// <summary>
    /// Over random counties (organisations, regions, kinds, household types, confidential
    /// programs, posts, holds and referral outcomes; a fixed seed each), no published cell, no
    /// difference of two cells, and no cell less any sum of cells of other dimensions equals a
    /// confidential program's own figures, unless a public program or a group of at least the
    /// threshold of confidential programs with figures has those same figures.
    /// </summary>
    [Test]
    public void NoCombinationOfPublishedFiguresSinglesOutAConfidentialProgram()
    {
        int checkedPrograms = 0, publishedAggregates = 0, suppressedAggregates = 0;
        for (var seed = 1; seed <= 400; seed++)
        {
            var layout = Layout.Random(seed, out var threshold);
            var inputs = layout.Inputs();
            var report = ReportBuilder.Build(inputs, 24, threshold, Layout.End);
            var cells = Published(report);
            var confidential = inputs.Programs.Where(p => p.Definition.Confidential).ToList();
            var owns = confidential.ToDictionary(p => p.Id, p => Own(inputs, p.Id));
            var harmless = inputs.Programs.Where(p => !p.Definition.Confidential).SelectMany(p => PublicParts(inputs, p))
                .Concat(GroupSums(owns.Values.Where(v => v != default).ToList(), threshold)).ToHashSet();
            if (report.Confidential.Suppressed) suppressedAggregates++;
            else if (report.Confidential.Programs > 0) publishedAggregates++;

            foreach (var program in confidential)
            {
                var own = owns[program.Id];
                // A program with no inventory in force and no referral that day has nothing to give away.
                if (own == default || harmless.Contains(own)) continue;
                checkedPrograms++;
                Assert.That(Disclosure.Find(cells, own), Is.Null, $"seed {seed}: confidential program {program.Definition.Name}");
            }
            var publicIds = inputs.Programs.Where(p => !p.Definition.Confidential).Select(p => p.Id).ToHashSet();
            Assert.That(HsdsServiceCapacity.Build(inputs).Select(s => Guid.Parse(s.ServiceId)).Distinct(), Is.SubsetOf(publicIds), $"seed {seed}: HSDS");
            Assert.That(HmisInventoryCsv.Rows(inputs, "CA-600").Select(r => Guid.ParseExact(r.ProjectId, "N")).Distinct(), Is.SubsetOf(publicIds), $"seed {seed}: Inventory.csv");
        }
        // Layouts that exercise both sides of the threshold, and many programs tried.
        Assert.That((checkedPrograms, publishedAggregates > 20, suppressedAggregates > 20), Is.EqualTo((checkedPrograms, true, true)));
        Assert.That(checkedPrograms, Is.GreaterThan(300));
    }

    /// <summary>The search itself: it finds a public program's row, and the attack of issue 14 on the cells it used.</summary>
    [Test]
    public void TheSearchFindsARowAndTheRegionLessOrganisationAttack()
    {
        var p1 = new Vec(20, 5, 1, 3, 1, 1, 1, 0, 1, 2, 0);
        var p2 = new Vec(12, 6, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        var x = new Vec(30, 9, 2, 4, 2, 1, 0, 1, 1, 3, 0);
        var y = new Vec(8, 3, 1, 2, 1, 0, 0, 0, 1, 1, 0);
        var cells = new List<Cell> { new("program", p1), new("program", p2), new("organization", x), new("region", p1 + p2 + x + y) };
        Assert.That(Disclosure.Find(cells, p2), Is.Not.Null);
        Assert.That(Disclosure.Find(cells, y), Is.Not.Null);
        Assert.That(Disclosure.Find(cells, y with { Open = 4 }), Is.Null);
    }

    private static Vec? Group(CapacityReport report, string dimension, string group) =>
        report.Rollups.SingleOrDefault(r => r.Dimension == dimension && r.Group == group)?.Figures is { } f ? Vec.Of(f) : null;

    /// <summary>Every figure set the report publishes, with the dimension it belongs to.</summary>
    private static List<Cell> Published(CapacityReport report)
    {
        var cells = new List<Cell>();
        if (report.Totals is { } totals) cells.Add(new Cell("all", Vec.Of(totals)));
        if (report.Confidential.Figures is { } confidential) cells.Add(new Cell("confidential", Vec.Of(confidential)));
        cells.AddRange(report.Programs.Select(p => new Cell("program", Vec.Of(p.Figures))));
        cells.AddRange(report.Rollups.Where(r => r.Figures is not null).Select(r => new Cell(r.Dimension, Vec.Of(r.Figures!))));
        if (report.Asks!.Counts is { } asks) cells.Add(new Cell("asks", Vec.Of(asks)));
        cells.AddRange(report.Asks.ByHouseholdType.Select(h => new Cell("asks_household_type", Vec.Of(h.Counts))));
        return cells;
    }

    /// <summary>A program's own figures: the row the builder would give it were it public and alone.</summary>
    private static Vec Own(ReportInputs inputs, Guid id)
    {
        var program = inputs.Programs.Single(p => p.Id == id);
        var alone = inputs with { Programs = [program with { Definition = program.Definition with { Confidential = false } }] };
        return ReportBuilder.Build(alone, 24, Threshold, Layout.End).Programs.SingleOrDefault() is { } row ? Vec.Of(row.Figures) : default;
    }

    /// <summary>
    /// A public program's figures for each set of its household types: its own row, and the
    /// parts a reader gets from it less its household-type rollups. A confidential program whose
    /// figures equal one of these (a lapsed program with two ask lines, say) is not singled out:
    /// the reader cannot tell the two apart.
    /// </summary>
    private static IEnumerable<Vec> PublicParts(ReportInputs inputs, HousingProgram program)
    {
        var types = Enum.GetValues<HouseholdType>();
        for (var mask = 1; mask < 1 << types.Length; mask++)
        {
            var keep = types.Where((_, i) => (mask & (1 << i)) != 0).ToHashSet();
            var part = program with { Definition = program.Definition with { Inventory = program.Definition.Inventory.Where(i => keep.Contains(i.HouseholdType)).ToList() } };
            var alone = inputs with
            {
                Programs = [part],
                Steps = inputs.Steps.Where(s => keep.Contains(s.HouseholdType)).ToList(),
                Asks = inputs.Asks.Select(a => a with { Lines = a.Lines.Where(l => keep.Contains(l.HouseholdType)).ToList() }).ToList(),
            };
            if (ReportBuilder.Build(alone, 24, Threshold, Layout.End).Programs.SingleOrDefault() is { } row) yield return Vec.Of(row.Figures);
        }
    }

    /// <summary>The sums of every group of at least <paramref name="threshold"/> of these figures.</summary>
    private static IEnumerable<Vec> GroupSums(IReadOnlyList<Vec> figures, int threshold)
    {
        for (var mask = 0; mask < 1 << figures.Count; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) < threshold) continue;
            yield return Enumerable.Range(0, figures.Count).Where(i => (mask & (1 << i)) != 0).Aggregate(default(Vec), (s, i) => s + figures[i]);
        }
    }
}

/// <summary>The figures that add up: a linear combination of these is what a reader can compute.</summary>
public readonly record struct Vec(int Inventory, int Open, int Held, int Made, int Accepted, int Declined, int ByClient, int ByProvider,
    int Expired, int Answered, int Stale, int Asked = 0, int AskAnswered = 0, int AskYes = 0)
{
    public static Vec Of(Figures f) => new(f.Inventory, f.Open, f.Held, f.ReferralsMade, f.Accepted, f.Declined, f.DeclinedByClient,
        f.DeclinedByProvider, f.Expired, f.Answered, f.StalePrograms, f.AsksReceived, f.AsksAnswered, f.AsksAnsweredYes);

    /// <summary>An ask row of the report: its lines, as a program's or a group's asks would add up.</summary>
    public static Vec Of(AskCounts a) => new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, a.Lines, a.Answered, a.AnsweredYes);

    public static Vec operator +(Vec a, Vec b) => new(a.Inventory + b.Inventory, a.Open + b.Open, a.Held + b.Held, a.Made + b.Made,
        a.Accepted + b.Accepted, a.Declined + b.Declined, a.ByClient + b.ByClient, a.ByProvider + b.ByProvider, a.Expired + b.Expired,
        a.Answered + b.Answered, a.Stale + b.Stale, a.Asked + b.Asked, a.AskAnswered + b.AskAnswered, a.AskYes + b.AskYes);

    public static Vec operator -(Vec a, Vec b) => new(a.Inventory - b.Inventory, a.Open - b.Open, a.Held - b.Held, a.Made - b.Made,
        a.Accepted - b.Accepted, a.Declined - b.Declined, a.ByClient - b.ByClient, a.ByProvider - b.ByProvider, a.Expired - b.Expired,
        a.Answered - b.Answered, a.Stale - b.Stale, a.Asked - b.Asked, a.AskAnswered - b.AskAnswered, a.AskYes - b.AskYes);

    public bool Within(Vec limit) => Inventory <= limit.Inventory && Open <= limit.Open && Held <= limit.Held && Made <= limit.Made
        && Accepted <= limit.Accepted && Declined <= limit.Declined && ByClient <= limit.ByClient && ByProvider <= limit.ByProvider
        && Expired <= limit.Expired && Answered <= limit.Answered && Stale <= limit.Stale
        && Asked <= limit.Asked && AskAnswered <= limit.AskAnswered && AskYes <= limit.AskYes;

    public bool IsNonNegative() => default(Vec).Within(this);
}

public sealed record Cell(string Dimension, Vec Figures);

/// <summary>
/// Searches the combinations with coefficients in {-1, 0, 1} that the attacks take: one cell;
/// one cell less another; one cell less any sum of cells of other dimensions (the sums are
/// enumerated as the set of reachable vectors, pruned by the target, since every figure is a
/// count and cannot be negative).
/// </summary>
public static class Disclosure
{
    public static string? Find(IReadOnlyList<Cell> cells, Vec target)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            var a = cells[i];
            if (a.Figures == target) return $"{a.Dimension} cell";
            for (var j = 0; j < cells.Count; j++)
            {
                if (j != i && a.Figures - cells[j].Figures == target) return $"{a.Dimension} less {cells[j].Dimension}";
            }
            var rest = a.Figures - target;
            if (!rest.IsNonNegative()) continue;
            var reachable = new HashSet<Vec> { default };
            foreach (var other in cells.Where((c, k) => k != i && c.Dimension != a.Dimension))
            {
                foreach (var sum in reachable.ToList())
                {
                    var next = sum + other.Figures;
                    if (next.Within(rest)) reachable.Add(next);
                }
                if (reachable.Contains(rest)) return $"{a.Dimension} less a sum of cells of other dimensions";
            }
        }
        return null;
    }
}

/// <summary>A county of programs for one day, with their posts, holds, referral outcomes and asks.</summary>
public sealed class Layout(int seed)
{
    public static readonly DateOnly Date = new(2026, 3, 2);
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = new(2026, 3, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] Statuses = ["accepted", "placed", "declined", "declined", "expired", "pending"];
    private static readonly string[] Reasons = ["no_capacity", "client_chose_other_option", "does_not_meet_criteria"];
    private static readonly string[] AskStatuses = ["pending", "yes", "no", "no", "withdrawn", "expired"];

    private readonly Random _random = new(seed);
    private readonly List<HousingProgram> _programs = [];
    private readonly Dictionary<Guid, Snapshot> _snapshots = [];
    private readonly List<ActiveHold> _holds = [];
    private readonly List<StepOutcome> _steps = [];
    private readonly List<AskOutcome> _asks = [];
    private readonly Dictionary<Guid, string> _organizations = [];

    /// <summary>A random county: 1 to 4 organisations, 1 to 3 regions, 2 to 9 programs, about half confidential.</summary>
    public static Layout Random(int seed, out int threshold)
    {
        var layout = new Layout(seed);
        var r = layout._random;
        threshold = r.Next(2, 5);
        var organizations = Enumerable.Range(0, r.Next(1, 5)).Select(_ => Guid.NewGuid()).ToList();
        var regions = Enumerable.Range(1, r.Next(1, 4)).Select(i => $"spa-{i}").ToList();
        var count = r.Next(2, 10);
        for (var i = 0; i < count; i++)
        {
            layout.Add(organizations[r.Next(organizations.Count)], regions[r.Next(regions.Count)], confidential: r.Next(100) < 55,
                kind: (ProgramKind)r.Next(3), lapsed: r.Next(100) < 8);
        }
        return layout;
    }

    /// <summary>Adds a program with random inventory for one or two household types, a post, holds and referrals.</summary>
    public Guid Add(Guid organization, string region, bool confidential, ProgramKind kind = ProgramKind.Emergency, bool lapsed = false)
    {
        var r = _random;
        var id = new Guid(r.Next(), (short)r.Next(), (short)r.Next(), 0, 0, 0, 0, 0, 0, 0, (byte)_programs.Count);
        _organizations[organization] = $"Organisation {organization.ToString()[..4]}";
        var types = Enum.GetValues<HouseholdType>().Where(_ => r.Next(100) < 50).DefaultIfEmpty(HouseholdType.AdultsOnly).ToList();
        var slots = kind == ProgramKind.RapidRehousing;
        var inventory = types.Select(t =>
        {
            var size = r.Next(1, 41);
            return new InventoryItem(t, slots ? 0 : (size + 1) / 2, slots ? 0 : size, slots ? size : 0,
                kind == ProgramKind.Emergency ? InventoryAvailability.YearRound : null, kind == ProgramKind.Emergency ? BedType.FacilityBased : null,
                new DateOnly(2025, 1, 1), lapsed ? new DateOnly(2026, 1, 31) : null);
        }).ToList();
        var definition = new ProgramDefinition(organization, $"Program {_programs.Count}", kind, kind switch
        {
            ProgramKind.Emergency => 0,
            ProgramKind.Transitional => 2,
            _ => 13,
        }, 90, region, new GeoPoint(34.05, -118.25), confidential, confidential ? "1 Hidden Way" : "2 Main St", new IntakeContact(),
            false, [], inventory, new EligibilityProfile());
        _programs.Add(new HousingProgram(id, definition, 1, Start.AddDays(-30), Start.AddDays(-30)));

        if (r.Next(100) < 85)
        {
            var posted = End.AddHours(-r.Next(1, 48));
            _snapshots[id] = new Snapshot(_programs.Count, id, posted, inventory.Select(i =>
            {
                var open = r.Next(0, Math.Max(i.Beds, i.Slots) + 1);
                return new OpenCount(i.HouseholdType, slots ? 0 : open, slots ? 0 : Math.Min(open, i.Units), slots ? open : 0);
            }).ToList());
        }
        foreach (var item in inventory.Where(_ => r.Next(100) < 40))
            _holds.Add(new ActiveHold(_holds.Count + 1, id, item.HouseholdType, r.Next(1, 4), null));
        for (var k = r.Next(0, 6); k > 0; k--)
        {
            var status = Statuses[r.Next(Statuses.Length)];
            var answered = status is "accepted" or "placed" or "declined" ? (int?)r.Next(1, 240) : null;
            _steps.Add(new StepOutcome(id, types[r.Next(types.Count)], status, status == "declined" ? r.Next(2, 4) : 0,
                status == "declined" ? Reasons[r.Next(Reasons.Length)] : "", answered, r.Next(1, 3)));
        }
        // Asks reach programs that are full as well as those with room: any household type.
        for (var k = r.Next(0, 4); k > 0; k--)
        {
            var type = (HouseholdType)new[] { 1, 3, 4 }[r.Next(3)];
            var status = AskStatuses[r.Next(AskStatuses.Length)];
            _asks.Add(new AskOutcome(type, [new AskLine(id, type, status)], status == "yes" ? r.Next(1, 120) : null));
        }
        return id;
    }

    public ReportInputs Inputs() => new(Date, "America/Los_Angeles", Start, End, _programs.ToList(), new Dictionary<Guid, string>(_organizations),
        new Dictionary<Guid, Snapshot>(_snapshots), _holds.ToList(), _steps.ToList(), [], [], _asks.ToList());
}
