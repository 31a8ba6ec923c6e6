using Housing.Api.Errors;
using Housing.Api.Organizations;
using Housing.Api.Places;
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
    public const int MaxCocs = 20;

    /// <summary>How far ahead a search may say the household arrives.</summary>
    public static readonly TimeSpan MaxArrivalAhead = TimeSpan.FromDays(7);

    /// <summary>How far in the past an arrival may be: a clock a few minutes behind, or a form filled in slowly.</summary>
    public static readonly TimeSpan MaxArrivalBehind = TimeSpan.FromMinutes(15);

    /// <summary>When the household arrives: as given, from a few minutes ago to 7 days ahead; missing, now.</summary>
    public static DateTimeOffset Arrival(DateTimeOffset? arriveAt, DateTimeOffset now, Validation v)
    {
        if (arriveAt is not { } at) return now;
        if (at < now - MaxArrivalBehind || at > now + MaxArrivalAhead) v.Add("arriveAt", ProblemText.Problem_Match_ArriveAt);
        return at;
    }

    /// <summary>The rules between fields, for a request whose shape <see cref="RequestShape"/> has checked into the same <paramref name="v"/>.</summary>
    /// <param name="places">Where a ZIP code given as an unsafe place lies (an in-memory lookup).</param>
    public static MatchQuery? Validate(MatchRequest r, DateOnly today, Gazetteer places, Validation v)
    {
        var household = ValidateHousehold(r.Household, v);
        var wants = ValidateWants(r.Wants ?? new WantsRequest(), today, v);
        var safety = ValidateSafety(r.Safety ?? new SafetyRequest(), places, v);
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
            v.Add("household.languages", Languages.NotCodes(languages));
        var household = new Household(members, Languages: languages.OfType<string>().Select(l => l.ToLowerInvariant()).ToList(),
            Trafficking: h.Trafficking ?? TraffickingExperience.None, HomelessCategory: h.HomelessCategory);
        return HouseholdNeeds.Applied(household, h);
    }

    private static Wants ValidateWants(WantsRequest w, DateOnly today, Validation v)
    {
        if (w.EarliestStart is { } start && (start < today.AddDays(-1) || start > today.AddDays(365)))
            v.Add("wants.earliestStart", ProblemText.Problem_Match_EarliestStart);
        var cocs = w.CocCodes ?? [];
        for (var i = 0; i < Math.Min(cocs.Count, MaxCocs); i++)
        {
            if (cocs[i] is null || !ProgramRules.IsCocCode(cocs[i])) v.Add($"wants.cocCodes[{i}]", ProblemText.Problem_CocCode);
        }
        return new Wants(w.Kinds ?? [], w.EarliestStart, w.ExpectedStayDays, w.Services ?? [], cocs);
    }

    private static Safety ValidateSafety(SafetyRequest s, Gazetteer gazetteer, Validation v)
    {
        var places = new List<UnsafePlace>();
        var given = s.UnsafePlaces ?? [];
        for (var i = 0; i < Math.Min(given.Count, 20); i++)
        {
            if (UnsafePlaceOf(given[i], $"safety.unsafePlaces[{i}]", gazetteer, v) is { } place) places.Add(place);
        }
        var regions = s.UnsafeRegions ?? [];
        for (var i = 0; i < regions.Count; i++) OrganizationRules.ValidateRegion(v, $"safety.unsafeRegions[{i}]", regions[i], required: true);
        return new Safety(places, regions, s.UnsafeOrganizationIds ?? [], s.UnsafeProgramIds ?? [], s.ConfidentialRequired ?? false);
    }

    /// <summary>A ZIP code's centre, or the latitude and longitude given: one or the other, never neither.</summary>
    private static UnsafePlace? UnsafePlaceOf(UnsafePlaceRequest p, string at, Gazetteer gazetteer, Validation v)
    {
        if (p is null || p.RadiusKm is not { } radius) return null;
        if (p.ZipCode is { } zip)
        {
            if (p.Latitude is not null || p.Longitude is not null)
            {
                v.Add(at, ProblemText.Problem_Match_ZipOrPoint);
                return null;
            }
            if (v.Has($"{at}.zipCode")) return null;
            if (gazetteer.Zip(zip) is not { } found)
            {
                v.Add($"{at}.zipCode", gazetteer.UnknownZip(zip));
                return null;
            }
            return new UnsafePlace(found.Latitude, found.Longitude, radius, zip);
        }
        if (p.Latitude is not { } latitude) v.Add($"{at}.latitude", ProblemText.Problem_Match_ZipOrPointMissing);
        if (p.Longitude is not { } longitude) v.Add($"{at}.longitude", ProblemText.Problem_Match_ZipOrPointMissing);
        else if (p.Latitude is { } lat) return new UnsafePlace(lat, longitude, radius);
        return null;
    }
}
