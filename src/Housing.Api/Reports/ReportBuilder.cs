using Housing.Api.Availability;
using Housing.Api.Http;
using Housing.Api.Programs;

namespace Housing.Api.Reports;

/// <summary>
/// Builds a day's report from its inputs. Pure: no database, no clock. Capacity is as of the
/// end of the day (the inventory in force that day, the latest post before the end, the holds
/// counting then, through <see cref="AvailabilityRules.View"/> as everywhere else); referrals
/// are those offered within the day, ask lines those of the asks sent within the day; every
/// figure adds up from (program, household type) cells.
/// </summary>
public static class ReportBuilder
{
    public static CapacityReport Build(ReportInputs inputs, int staleHours, int suppressBelow, DateTimeOffset builtAt)
    {
        var holds = inputs.Holds.ToLookup(h => h.ProgramId);
        var steps = inputs.Steps.ToLookup(s => (s.ProgramId, s.HouseholdType));
        var askLines = inputs.Asks.SelectMany(a => a.Lines).ToList();
        var lines = askLines.ToLookup(l => (l.ProgramId, l.HouseholdType));
        var stepTypes = inputs.Steps.Select(s => (s.ProgramId, s.HouseholdType))
            .Concat(askLines.Select(l => (l.ProgramId, l.HouseholdType))).ToLookup(x => x.ProgramId, x => x.HouseholdType);
        var programs = new List<ProgramFacts>();
        foreach (var program in inputs.Programs)
        {
            inputs.LatestSnapshots.TryGetValue(program.Id, out var snapshot);
            var view = AvailabilityRules.View(program, snapshot, inputs.Date, inputs.OverflowIn(program.Definition.Region), inputs.OfflineAt(program.Id),
                holds[program.Id].ToList());
            var types = view.Select(v => v.HouseholdType)
                .Union(stepTypes[program.Id]).Distinct().Order();
            var cells = types.Select(t =>
            {
                var v = view.FirstOrDefault(x => x.HouseholdType == t);
                return new Cell(program.Id, t, v?.Capacity ?? 0, v?.Open ?? 0, v?.Held ?? 0, v?.Offline ?? 0, steps[(program.Id, t)].ToList(),
                    lines[(program.Id, t)].ToList());
            }).ToList();
            double? ageHours = snapshot is null ? null : Math.Round(Math.Max(0, (inputs.End - snapshot.PostedAt).TotalHours), 1);
            var stale = ageHours is not { } age || age > staleHours;
            programs.Add(new ProgramFacts(program, snapshot?.PostedAt, ageHours, stale, cells));
        }

        // Confidential programs are published only as one aggregate, never in a breakdown: a
        // breakdown holding them beside the aggregate, the totals or another breakdown can be
        // differenced down to one of them (a region less an organisation less the named rows).
        var listed = programs.Where(p => !p.Program.Definition.Confidential).ToList();
        var confidential = Confidential(programs.Where(p => p.Program.Definition.Confidential).ToList(), suppressBelow);

        var rows = listed
            .OrderBy(p => p.Program.Definition.Name, StringComparer.Ordinal).ThenBy(p => p.Program.Id)
            .Select(p => new ProgramRow(p.Program.Id, p.Program.Definition.Name, p.Program.Definition.OrganizationId,
                inputs.OrganizationNames.GetValueOrDefault(p.Program.Definition.OrganizationId, ""),
                p.Program.Definition.Kind, p.Program.Definition.Region,
                p.Program.Definition.Kind == ProgramKind.RapidRehousing ? "slots" : "beds",
                p.LastPostedAt, p.DataAgeHours, p.Stale, Sum(p.Cells, programs)))
            .ToList();

        var rollups = new List<RollupRow>();
        rollups.AddRange(Rollup(listed, "kind", p => HousingJson.Text(p.Program.Definition.Kind), k => k));
        rollups.AddRange(Rollup(listed, "region", p => p.Program.Definition.Region, r => r));
        // Continuums of Care, for a deployment that spans several: programs that name theirs.
        rollups.AddRange(Rollup([.. listed.Where(p => p.Program.Definition.CocCode is not null)], "coc", p => p.Program.Definition.CocCode!, c => c));
        rollups.AddRange(Rollup(listed, "organization", p => p.Program.Definition.OrganizationId.ToString(),
            id => inputs.OrganizationNames.GetValueOrDefault(Guid.Parse(id), id)));
        rollups.AddRange(RollupByHouseholdType(listed));

        // The totals less the public rows are the aggregate: published together, or not at all.
        return new CapacityReport(inputs.Date, inputs.TimeZone, inputs.Start, inputs.End, builtAt, builtAt < inputs.End, staleHours, suppressBelow,
            confidential.Suppressed ? null : Sum(programs.SelectMany(p => p.Cells), programs), confidential.Suppressed,
            rows, confidential, rollups, Unmet(inputs.Searches),
            ReportWatches.Build(inputs.Watches), ReportAsks.Build(inputs, confidential.Suppressed, suppressBelow),
            DataFreshness(listed, inputs),
            [.. (inputs.Overflow ?? []).Select(a => new OverflowNight(a.Id, a.Regions, a.StartsOn, a.EndsOn, a.Reason, a.EndedAt))]);
    }

    /// <summary>Per organisation, over its programs that are not confidential (a confidential one is in no breakdown).</summary>
    private static IReadOnlyList<OrganizationFreshness> DataFreshness(IReadOnlyList<ProgramFacts> listed, ReportInputs inputs)
    {
        var reminders = (inputs.Reminders ?? []).ToLookup(r => r.ProgramId);
        return [.. listed.GroupBy(p => p.Program.Definition.OrganizationId)
            .Select(g =>
            {
                var median = Median(g.Where(p => p.DataAgeHours is not null).Select(p => p.DataAgeHours!.Value));
                var sent = g.SelectMany(p => reminders[p.Program.Id]).ToList();
                return new OrganizationFreshness(g.Key, inputs.OrganizationNames.GetValueOrDefault(g.Key, g.Key.ToString()), g.Count(),
                    g.Count(p => p.DataAgeHours is null),
                    median is { } m ? Math.Round(m, 1, MidpointRounding.AwayFromZero) : null,
                    sent.Count(r => r.Grade == Availability.Freshness.Aging), sent.Count(r => r.Grade == Availability.Freshness.Stale));
            })
            .OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.OrganizationId)];
    }


    /// <summary>
    /// Every confidential program as one aggregate, suppressed when it holds at least one and
    /// fewer than <paramref name="suppressBelow"/> of them. Only programs with figures that day
    /// (inventory in force, a referral offered, or an ask received) count: beside two that add nothing, a third
    /// would be the aggregate on its own.
    /// </summary>
    private static ConfidentialAggregate Confidential(IReadOnlyList<ProgramFacts> confidential, int suppressBelow)
    {
        var figures = Sum(confidential.SelectMany(p => p.Cells), confidential);
        var suppressed = figures.Programs > 0 && figures.Programs < suppressBelow;
        return new ConfidentialAggregate(figures.Programs, suppressed, suppressed ? null : figures);
    }

    private static IEnumerable<RollupRow> Rollup(IReadOnlyList<ProgramFacts> programs, string dimension,
        Func<ProgramFacts, string> key, Func<string, string> label) =>
        programs.GroupBy(key)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RollupRow(dimension, g.Key, label(g.Key), g.Count(), Sum(g.SelectMany(p => p.Cells), g.ToList())));

    private static IEnumerable<RollupRow> RollupByHouseholdType(IReadOnlyList<ProgramFacts> programs) =>
        Enum.GetValues<HouseholdType>()
            .Select(t => (Type: t, Members: programs.Where(p => p.Cells.Any(c => c.HouseholdType == t)).ToList()))
            .Where(g => g.Members.Count > 0)
            .Select(g => new RollupRow("household_type", HousingJson.Text(g.Type), HousingJson.Text(g.Type), g.Members.Count,
                Sum(g.Members.SelectMany(p => p.Cells).Where(c => c.HouseholdType == g.Type), g.Members)));

    private static Figures Sum(IEnumerable<Cell> cellsEnumerable, IReadOnlyList<ProgramFacts> scope)
    {
        var cells = cellsEnumerable.ToList();
        var programIds = cells.Select(c => c.ProgramId).ToHashSet();
        var steps = cells.SelectMany(c => c.Steps).ToList();
        int inventory = cells.Sum(c => c.Inventory), open = cells.Sum(c => c.Open), offline = cells.Sum(c => c.Offline);
        var inService = inventory - offline;
        var made = steps.Sum(s => s.Count);
        var answered = steps.Where(s => s.Answered).Sum(s => s.Count);
        var declined = steps.Where(s => s.Status == "declined").ToList();
        var asked = cells.SelectMany(c => c.AskLines).ToList();
        int askAnswered = asked.Count(l => l.Answered), askExpired = asked.Count(l => l.Status == "expired");
        return new Figures(
            Programs: programIds.Count,
            Inventory: inventory,
            Open: open,
            Held: cells.Sum(c => c.Held),
            Utilisation: inService <= 0 ? null : Math.Round((double)(inService - open) / inService, 4, MidpointRounding.AwayFromZero),
            StalePrograms: scope.Count(p => p.Stale && programIds.Contains(p.Program.Id)),
            ReferralsMade: made,
            Accepted: steps.Where(s => s.Accepted).Sum(s => s.Count),
            Declined: declined.Sum(s => s.Count),
            DeclinedByClient: declined.Where(s => s.DeclinedBy == 2).Sum(s => s.Count),
            DeclinedByProvider: declined.Where(s => s.DeclinedBy == 3).Sum(s => s.Count),
            DeclinedByReason: declined.GroupBy(s => s.ReasonCode.Length == 0 ? "unknown" : s.ReasonCode)
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(s => s.Count)),
            Expired: steps.Where(s => s.Status == "expired").Sum(s => s.Count),
            Answered: answered,
            MedianMinutesToAnswer: Median(steps.Where(s => s.Answered).SelectMany(s => Enumerable.Repeat(s.ResponseMinutes!.Value, s.Count))),
            ResponseRate: made == 0 ? null : Math.Round((double)answered / made, 4, MidpointRounding.AwayFromZero),
            AsksReceived: asked.Count,
            AsksAnswered: askAnswered,
            AsksAnsweredYes: asked.Count(l => l.Status == "yes"),
            AskAnswerRate: Rate(askAnswered, askAnswered + askExpired),
            Offline: offline,
            Occupied: cells.Sum(c => c.Occupied));
    }

    public static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4, MidpointRounding.AwayFromZero);

    public static double? Median<T>(IEnumerable<T> values) where T : System.Numerics.INumber<T>
    {
        var sorted = values.Select(double.CreateChecked).Order().ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    private static UnmetNeed Unmet(IReadOnlyList<SearchOutcome> searches)
    {
        var unmatched = searches.Where(s => s.Matched == 0).ToList();
        return new UnmetNeed(
            searches.Count,
            unmatched.Count,
            searches.Count == 0 ? null : Math.Round((double)unmatched.Count / searches.Count, 4, MidpointRounding.AwayFromZero),
            searches.GroupBy(s => (s.HouseholdType, s.Adults, s.Children))
                .OrderBy(g => g.Key.HouseholdType).ThenBy(g => g.Key.Adults).ThenBy(g => g.Key.Children)
                .Select(g => new HouseholdShapeRow(g.Key.HouseholdType, g.Key.Adults, g.Key.Children, g.Count(), g.Count(s => s.Matched == 0)))
                .ToList(),
            unmatched.GroupBy(s => s.TopReason ?? "none")
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ReasonRow(g.Key, g.Count()))
                .ToList());
    }

    /// <summary>One program's facts for the day, confidential ones included: they count in the totals and their aggregate.</summary>
    public sealed record ProgramFacts(HousingProgram Program, DateTimeOffset? LastPostedAt, double? DataAgeHours, bool Stale, IReadOnlyList<Cell> Cells);

    public sealed record Cell(Guid ProgramId, HouseholdType HouseholdType, int Inventory, int Open, int Held, int Offline, IReadOnlyList<StepOutcome> Steps,
        IReadOnlyList<AskLine> AskLines)
    {
        /// <summary>Inventory neither open, held nor offline: beds (slots) in use. Never below 0 (holds may outnumber beds in service).</summary>
        public int Occupied => Math.Max(0, Inventory - Open - Held - Offline);
    }
}
