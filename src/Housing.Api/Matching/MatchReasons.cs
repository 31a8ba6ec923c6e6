using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>Plain sentences saying why a program is offered, for a case manager on a crisis call, in the request's language.</summary>
public static class MatchReasons
{
    public static IReadOnlyList<string> For(CatalogEntry entry, ProgramText text, CompiledQuery q, MatchCapacity capacity, double? marginKm)
    {
        var d = entry.Program.Definition;
        var h = q.Household;
        var reasons = new List<string>(12)
        {
            Say.Format(ReasonText.Reason_OpenFor, capacity.Open, Measure(capacity.Measure, capacity.Open), Terms.Of(capacity.HouseholdType), capacity.Needed),
            Say.Format(capacity.Freshness switch
            {
                Freshness.Fresh => ReasonText.Reason_PostedFresh,
                Freshness.Aging => ReasonText.Reason_PostedAging,
                _ => ReasonText.Reason_PostedStale,
            }, Ago(capacity.AgeSeconds)),
        };
        if (marginKm is { } margin)
        {
            reasons.Add(d.Confidential
                ? ReasonText.Reason_OutsideUnsafeConfidential
                : Say.Format(ReasonText.Reason_BeyondUnsafe, margin));
        }
        if (text.Confidential is { } confidential) reasons.Add(confidential);
        if (text.Genders is { } genders) reasons.Add(genders);
        if (text.Trafficking is { } trafficking) reasons.Add(trafficking);
        if (q.OldestBoy >= 0 && text.Boys is { } boys) reasons.Add(boys);
        var languages = Scoring.SharedLanguages(d, h);
        if (languages.Count > 0) reasons.Add(Say.Format(ReasonText.Reason_StaffSpeak, Languages.Names(languages)));
        else if (h.Languages is { Count: > 0 }) reasons.Add(ReasonText.Reason_NoSharedLanguage);
        if (OfferedWords(q.Query.Wants.Services, d.Services) is { } offered) reasons.Add(Say.Format(ReasonText.Reason_Offers, Terms.Listed(offered)));
        if (text.NoId is { } noId) reasons.Add(noId);
        if (Barriers.CaseByCaseApplies(d.Eligibility, h)) reasons.Add(Say.Format(ReasonText.Reason_Note, string.Join("; ", [.. text.Barriers, Barriers.CaseByCase])));
        else if (text.BarrierNote is { } note) reasons.Add(note);
        reasons.Add(text.Stays);
        return reasons;
    }

    /// <summary>The services asked for that the program offers, in words and in the order asked; null when none.</summary>
    private static List<string>? OfferedWords(IReadOnlyList<ProgramService>? wanted, IReadOnlyList<ProgramService> offered)
    {
        List<string>? words = null;
        if (wanted is null) return null;
        for (var i = 0; i < wanted.Count; i++)
        {
            if (!offered.Contains(wanted[i])) continue;
            (words ??= new List<string>(wanted.Count)).Add(Terms.Of(wanted[i]));
        }
        return words;
    }

    /// <summary>The API's measure ("beds", "slots") in words, singular for one.</summary>
    private static string Measure(string measure, int count) => (measure, count) switch
    {
        ("slots", 1) => ReasonText.Measure_Slot,
        ("slots", _) => ReasonText.Measure_Slots,
        ("units", _) => ReasonText.Measure_Units,
        (_, 1) => ReasonText.Measure_Bed,
        _ => ReasonText.Measure_Beds,
    };

    private static string Ago(long? seconds) => seconds switch
    {
        null => ReasonText.Ago_Never,
        < 120 => ReasonText.Ago_JustNow,
        < 7200 => Say.Format(ReasonText.Ago_Minutes, seconds / 60),
        < 172800 => Say.Format(ReasonText.Ago_Hours, seconds / 3600),
        _ => Say.Format(ReasonText.Ago_Days, seconds / 86400),
    };
}

/// <summary>
/// What a match's description says that depends only on the program, worked out once per
/// index (for the programs that are shown) rather than once per search.
/// </summary>
public sealed class ProgramText
{
    /// <summary>The program as a case manager may see it: never a confidential location.</summary>
    public required MatchedProgram Summary { get; init; }
    public required IReadOnlyList<ProgramWarning> Warnings { get; init; }
    public string? Confidential { get; init; }
    public string? Genders { get; init; }
    public string? Trafficking { get; init; }
    /// <summary>Said only when the household has a boy.</summary>
    public string? Boys { get; init; }
    public string? NoId { get; init; }
    /// <summary>Rules the household would live by that are not reasons to exclude it, whoever the household is.</summary>
    public required string[] Barriers { get; init; }
    /// <summary>The note listing <see cref="Barriers"/>, when there are any.</summary>
    public string? BarrierNote { get; init; }
    public required string Stays { get; init; }

    public static ProgramText For(CatalogEntry entry)
    {
        var p = entry.Program;
        var d = p.Definition;
        var e = d.Eligibility;
        var barriers = Matching.Barriers.Fixed(e).ToArray();
        return new ProgramText
        {
            Summary = new MatchedProgram(p.Id, d.OrganizationId, d.Name, d.Kind, d.Region, d.Confidential,
                d.Confidential ? null : d.Location, d.IntakeContact, d.MaxStayDays, d.Services, e.Languages),
            Warnings = EligibilityRules.Warnings(d),
            Confidential = d.Confidential ? ReasonText.Reason_Confidential : null,
            Genders = e.GendersServed.Count > 0 ? Say.Format(ReasonText.Reason_Serves, Terms.Listed(e.GendersServed.Select(Terms.People))) : null,
            Trafficking = e.TraffickingTypesServed.Count > 0 ? Say.Format(ReasonText.Reason_SurvivorsOf, Terms.Listed(e.TraffickingTypesServed.Select(t => Terms.Of(t)))) : null,
            Boys = e.MaxBoyAge is { } boy ? Say.Format(ReasonText.Reason_BoysUpTo, boy) : null,
            NoId = e.IdRequired ? null : ReasonText.Reason_NoId,
            Barriers = barriers,
            BarrierNote = barriers.Length > 0 ? Say.Format(ReasonText.Reason_Note, string.Join("; ", barriers)) : null,
            Stays = Say.Format(ReasonText.Reason_StaysUpTo, d.MaxStayDays),
        };
    }
}
