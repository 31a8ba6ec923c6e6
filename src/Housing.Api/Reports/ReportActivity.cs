namespace Housing.Api.Reports;

/// <summary>A day's watches: households, counted whole and by household type. Pure.</summary>
public static class ReportWatches
{
    public static WatchFigures Build(IReadOnlyList<WatchOutcome> watches) => new(
        Count(watches),
        watches.GroupBy(w => w.HouseholdType).OrderBy(g => g.Key)
            .Select(g => new WatchHouseholdRow(g.Key, Count(g.ToList()))).ToList());

    private static WatchCounts Count(IReadOnlyList<WatchOutcome> watches) => new(
        Opened: watches.Count(w => w.Opened),
        Fulfilled: watches.Count(w => w.Ended == "fulfilled"),
        Expired: watches.Count(w => w.Ended == "expired"),
        Declined: watches.Count(w => w.Ended == "declined"),
        Cancelled: watches.Count(w => w.Ended == "cancelled"),
        MedianMinutesToFulfil: ReportBuilder.Median(watches.Where(w => w.Ended == "fulfilled" && w.MinutesToFulfil is not null)
            .Select(w => w.MinutesToFulfil!.Value)));
}

/// <summary>
/// A day's asks, counted whole and by household type. Their lines include confidential
/// programs', so they follow the county totals and the confidential aggregate: published only
/// when those are. Pure.
/// </summary>
public static class ReportAsks
{
    public static AskFigures Build(ReportInputs inputs, bool totalsSuppressed, int suppressBelow)
    {
        if (totalsSuppressed) return new AskFigures(true, null, true, []);
        var confidential = inputs.Programs.Where(p => p.Definition.Confidential).Select(p => p.Id).ToHashSet();
        var byType = inputs.Asks.GroupBy(a => a.HouseholdType).OrderBy(g => g.Key).ToList();
        // All or nothing: with one type withheld, the totals less the others would give it.
        var withheld = byType.Any(g =>
        {
            var reached = g.SelectMany(a => a.Lines).Select(l => l.ProgramId).Where(confidential.Contains).Distinct().Count();
            return reached > 0 && reached < suppressBelow;
        });
        return new AskFigures(false, Count(inputs.Asks), withheld,
            withheld ? [] : byType.Select(g => new AskHouseholdRow(g.Key, Count(g.ToList()))).ToList());
    }

    private static AskCounts Count(IReadOnlyList<AskOutcome> asks)
    {
        var lines = asks.SelectMany(a => a.Lines).ToList();
        int answered = lines.Count(l => l.Answered), expired = lines.Count(l => l.Status == "expired");
        return new AskCounts(
            Sent: asks.Count,
            Lines: lines.Count,
            Answered: answered,
            AnsweredYes: lines.Count(l => l.Status == "yes"),
            AnswerRate: ReportBuilder.Rate(answered, answered + expired),
            MedianMinutesToFirstYes: ReportBuilder.Median(asks.Where(a => a.MinutesToFirstYes is not null).Select(a => a.MinutesToFirstYes!.Value)));
    }
}
