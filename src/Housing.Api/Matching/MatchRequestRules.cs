using Housing.Api.Errors;
using Housing.Api.Organizations;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// Turns a search request into a <see cref="MatchQuery"/>: pure, no I/O. The request's shape
/// (presence, ranges, counts) is its records' attributes, checked by <see cref="RequestShape"/>
/// before these rules, which are the ones between fields and against today.
/// </summary>
public static class MatchRequestRules
{
    public const int MaxMembers = 20;
    public const double MaxRadiusKm = 500;
    public const string NoMembers = "Describe at least one person: an adult or a child.";

    /// <summary>The rules between fields, for a request whose shape <see cref="RequestShape"/> has checked into the same <paramref name="v"/>.</summary>
    public static MatchQuery? Validate(MatchRequest r, DateOnly today, Validation v)
    {
        var household = ValidateHousehold(r.Household, v);
        var wants = ValidateWants(r.Wants ?? new WantsRequest(), today, v);
        var safety = ValidateSafety(r.Safety ?? new SafetyRequest(), v);
        return v.IsValid ? new MatchQuery(household!, wants, safety) : null;
    }

    /// <summary>The household, with each member's age checked against the member's role; also rebuilds a stored one.</summary>
    public static Household? ValidateHousehold(HouseholdRequest? h, Validation v)
    {
        if (h is null) return null;
        var members = new List<HouseholdMember>();
        var given = h.Members ?? [];
        for (var i = 0; i < given.Count && i < MaxMembers; i++)
        {
            if (given[i] is not { Role: { } role, Age: { } age } m) continue;
            var at = $"household.members[{i}].age";
            if (!v.Has(at))
            {
                if (role == MemberRole.Adult) v.Range(at, age, 18, 120);
                if (role == MemberRole.Child) v.Range(at, age, 0, 17);
            }
            members.Add(new HouseholdMember(role, age, m.Genders ?? []));
        }
        var languages = h.Languages ?? [];
        if (languages.Any(l => !EligibilityRules.IsLanguageCode(l)))
            v.Add("household.languages", "Use ISO 639 language codes such as \"en\", \"es\" or \"yue\".");
        var household = new Household(members, Languages: languages.OfType<string>().Select(l => l.ToLowerInvariant()).ToList(),
            Trafficking: h.Trafficking ?? TraffickingExperience.None, HomelessCategory: h.HomelessCategory);
        return HouseholdNeeds.Applied(household, h);
    }

    private static Wants ValidateWants(WantsRequest w, DateOnly today, Validation v)
    {
        if (w.EarliestStart is { } start && (start < today.AddDays(-1) || start > today.AddDays(365)))
            v.Add("wants.earliestStart", "Must be from today to a year ahead.");
        return new Wants(w.Kinds ?? [], w.EarliestStart, w.ExpectedStayDays, w.Services ?? []);
    }

    private static Safety ValidateSafety(SafetyRequest s, Validation v)
    {
        var places = (s.UnsafePlaces ?? []).Take(20)
            .Where(p => p is { Latitude: not null, Longitude: not null, RadiusKm: not null })
            .Select(p => new UnsafePlace(p.Latitude!.Value, p.Longitude!.Value, p.RadiusKm!.Value))
            .ToList();
        var regions = s.UnsafeRegions ?? [];
        for (var i = 0; i < regions.Count; i++) OrganizationRules.ValidateRegion(v, $"safety.unsafeRegions[{i}]", regions[i], required: true);
        return new Safety(places, regions, s.UnsafeOrganizationIds ?? [], s.UnsafeProgramIds ?? [], s.ConfidentialRequired ?? false);
    }
}
