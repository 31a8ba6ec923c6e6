using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Http;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>Plain sentences saying why a program is offered, for a case manager on a crisis call.</summary>
public static class MatchReasons
{
    public static IReadOnlyList<string> For(CatalogEntry entry, ProgramText text, CompiledQuery q, MatchCapacity capacity, double? marginKm)
    {
        var d = entry.Program.Definition;
        var h = q.Household;
        var reasons = new List<string>(12)
        {
            $"{capacity.Open} open {capacity.Measure} for {Phrase(capacity.HouseholdType)}; this household needs {capacity.Needed}.",
            capacity.Freshness switch
            {
                Freshness.Fresh => $"Count posted {Ago(capacity.AgeSeconds)} (fresh).",
                Freshness.Aging => $"Count posted {Ago(capacity.AgeSeconds)} (aging): worth a call to confirm.",
                _ => $"Count posted {Ago(capacity.AgeSeconds)} (stale): call to confirm before sending anyone.",
            },
        };
        if (marginKm is { } margin)
        {
            reasons.Add(d.Confidential
                ? "Outside every unsafe place you gave."
                : $"{margin:0.0} km beyond the nearest unsafe place you gave.");
        }
        if (text.Confidential is { } confidential) reasons.Add(confidential);
        if (text.Genders is { } genders) reasons.Add(genders);
        if (text.Trafficking is { } trafficking) reasons.Add(trafficking);
        if (q.OldestBoy >= 0 && text.Boys is { } boys) reasons.Add(boys);
        var languages = Scoring.SharedLanguages(d, h);
        if (languages.Count > 0) reasons.Add($"Staff speak {Languages.Names(languages)}.");
        else if (h.Languages is { Count: > 0 }) reasons.Add("Staff do not list any of the household's languages.");
        var services = (q.Query.Wants.Services ?? []).Where(d.Services.Contains).ToList();
        if (services.Count > 0) reasons.Add($"Offers {string.Join(", ", services.Select(s => HousingJson.Text(s).Replace('_', ' ')))}.");
        if (text.NoId is { } noId) reasons.Add(noId);
        if (Barriers.CaseByCaseApplies(d.Eligibility, h)) reasons.Add($"Note: {string.Join("; ", [.. text.Barriers, Barriers.CaseByCase])}.");
        else if (text.BarrierNote is { } note) reasons.Add(note);
        reasons.Add(text.Stays);
        return reasons;
    }

    private static string Phrase(HouseholdType type) => type switch
    {
        HouseholdType.AdultsOnly => "adults without children",
        HouseholdType.AdultsWithChildren => "families with children",
        _ => "unaccompanied minors",
    };

    private static string Ago(long? seconds) => seconds switch
    {
        null => "never",
        < 120 => "just now",
        < 7200 => $"{seconds / 60} minutes ago",
        < 172800 => $"{seconds / 3600} hours ago",
        _ => $"{seconds / 86400} days ago",
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

    /// <summary>Who a program serves, by self-identified gender, as people say it.</summary>
    private static string People(Gender gender) => gender switch
    {
        Gender.Woman => "women",
        Gender.Man => "men",
        Gender.NonBinary => "non-binary people",
        Gender.Transgender => "transgender people",
        Gender.CulturallySpecific => "people of a culturally specific identity",
        Gender.Questioning => "people questioning their gender",
        _ => "people of another identity",
    };

    /// <summary>"women", "women and men", "women, men and non-binary people".</summary>
    private static string Listed(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} and {list[^1]}";
    }

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
            Confidential = d.Confidential ? "Confidential location: the address is released to you after the shelter accepts." : null,
            Genders = e.GendersServed.Count > 0 ? $"Serves {Listed(e.GendersServed.Select(People))}, as each person identifies." : null,
            Trafficking = e.TraffickingTypesServed.Count > 0 ? $"Serves survivors of {string.Join(" and ", e.TraffickingTypesServed.Select(t => HousingJson.Text(t)))} trafficking." : null,
            Boys = e.MaxBoyAge is { } boy ? $"Takes boys up to age {boy}." : null,
            NoId = e.IdRequired ? null : "No ID required.",
            Barriers = barriers,
            BarrierNote = barriers.Length > 0 ? $"Note: {string.Join("; ", barriers)}." : null,
            Stays = $"Stays up to {d.MaxStayDays} days.",
        };
    }
}
