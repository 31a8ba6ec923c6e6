using Housing.Api.Errors;
using Housing.Api.Organizations;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>Validates a search request into a <see cref="MatchQuery"/>; pure, no I/O.</summary>
public static class MatchRequestRules
{
    public const int MaxMembers = 20;
    public const double MaxRadiusKm = 500;

    public static MatchQuery? Validate(MatchRequest r, DateOnly today, Validation v)
    {
        var household = ValidateHousehold(r.Household, v);
        var wants = ValidateWants(r.Wants ?? new WantsRequest(), today, v);
        var safety = ValidateSafety(r.Safety ?? new SafetyRequest(), v);
        return v.IsValid ? new MatchQuery(household!, wants, safety) : null;
    }

    public static Household? ValidateHousehold(HouseholdRequest? h, Validation v)
    {
        if (v.Required("household", h) is null) return null;
        var members = new List<HouseholdMember>();
        if (h!.Members is null || h.Members.Count == 0)
            v.Add("household.members", "Describe at least one person: an adult or a child.");
        else if (h.Members.Count > MaxMembers)
            v.Add("household.members", $"At most {MaxMembers} people.");
        else
        {
            for (var i = 0; i < h.Members.Count; i++)
            {
                var at = $"household.members[{i}].";
                var m = h.Members[i];
                if (m is null) { v.Add($"household.members[{i}]", "Required."); continue; }
                var role = v.Required(at + "role", m.Role);
                var age = v.Required(at + "age", m.Age);
                if (role == MemberRole.Adult) v.Range(at + "age", age, 18, 120);
                if (role == MemberRole.Child) v.Range(at + "age", age, 0, 17);
                var genders = v.List(at + "genders", m.Genders, 7);
                if (role is { } ro && age is { } a) members.Add(new HouseholdMember(ro, a, genders));
            }
        }
        var languages = v.List("household.languages", h.Languages, 10);
        if (languages.Any(l => !EligibilityRules.IsLanguageCode(l)))
            v.Add("household.languages", "Use ISO 639 language codes such as \"en\", \"es\" or \"yue\".");
        v.Range("household.homelessCategory", h.HomelessCategory, 1, 4);
        var household = new Household(members, Languages: languages.OfType<string>().Select(l => l.ToLowerInvariant()).ToList(),
            Trafficking: h.Trafficking ?? TraffickingExperience.None, HomelessCategory: h.HomelessCategory);
        return HouseholdNeeds.Applied(household, h);
    }

    private static Wants ValidateWants(WantsRequest w, DateOnly today, Validation v)
    {
        var kinds = v.List("wants.kinds", w.Kinds, 3);
        if (w.EarliestStart is { } start && (start < today.AddDays(-1) || start > today.AddDays(365)))
            v.Add("wants.earliestStart", "Must be from today to a year ahead.");
        v.Range("wants.expectedStayDays", w.ExpectedStayDays, 1, 1095);
        var services = v.List("wants.services", w.Services, 20);
        return new Wants(kinds, w.EarliestStart, w.ExpectedStayDays, services);
    }

    private static Safety ValidateSafety(SafetyRequest s, Validation v)
    {
        var places = new List<UnsafePlace>();
        var given = s.UnsafePlaces ?? [];
        if (given.Count > 20) v.Add("safety.unsafePlaces", "At most 20 places.");
        for (var i = 0; i < given.Count && i < 20; i++)
        {
            var at = $"safety.unsafePlaces[{i}].";
            var p = given[i];
            if (p is null) { v.Add($"safety.unsafePlaces[{i}]", "Required."); continue; }
            var lat = v.Range(at + "latitude", v.Required(at + "latitude", p.Latitude), -90, 90);
            var lon = v.Range(at + "longitude", v.Required(at + "longitude", p.Longitude), -180, 180);
            var radius = v.Required(at + "radiusKm", p.RadiusKm);
            if (radius is { } r && (double.IsNaN(r) || r <= 0 || r > MaxRadiusKm))
                v.Add(at + "radiusKm", $"Must be more than 0 and at most {MaxRadiusKm} km.");
            if (lat is { } la && lon is { } lo && radius is { } ra) places.Add(new UnsafePlace(la, lo, ra));
        }
        var regions = v.List("safety.unsafeRegions", s.UnsafeRegions, 20);
        for (var i = 0; i < regions.Count; i++) OrganizationRules.ValidateRegion(v, $"safety.unsafeRegions[{i}]", regions[i], required: true);
        var organizations = v.List("safety.unsafeOrganizationIds", s.UnsafeOrganizationIds, 100);
        var programs = v.List("safety.unsafeProgramIds", s.UnsafeProgramIds, 100);
        return new Safety(places, regions, organizations, programs, s.ConfidentialRequired ?? false);
    }
}
