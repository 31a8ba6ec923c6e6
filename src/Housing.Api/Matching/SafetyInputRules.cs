using System.Text.RegularExpressions;
using Housing.Api.Errors;

namespace Housing.Api.Matching;

/// <summary>
/// Refuses safety input the service cannot apply: a region no program is in, a place far from
/// every program (a dropped minus sign puts the trafficker's circle on another continent), an
/// organisation or program that does not exist. Each would exclude nothing, and an answer that
/// looks as if it protected the household when it did not is worse than an error. Every path
/// that takes safety input (searches, and what later takes a place) checks it here.
/// </summary>
public static partial class SafetyInputRules
{
    /// <summary>At most this many known regions are listed in an error; the rest are counted.</summary>
    private const int RegionsListed = 40;

    /// <param name="existingOrganizations">Organisations that exist though they run no program (<see cref="ServiceArea.RunsPrograms"/> knows the rest).</param>
    public static void Check(Safety safety, ServiceArea area, double marginKm, IReadOnlySet<Guid> existingOrganizations, Validation v)
    {
        var regions = safety.UnsafeRegions ?? [];
        for (var i = 0; i < regions.Count; i++)
        {
            if (!area.HasRegion(regions[i])) v.Add($"safety.unsafeRegions[{i}]", UnknownRegion(regions[i], area));
        }
        var places = safety.UnsafePlaces ?? [];
        for (var i = 0; i < places.Count; i++)
        {
            var place = places[i];
            if (area.FartherThan(new GeoCircle(place.Latitude, place.Longitude, place.RadiusKm), marginKm) is { } km)
                v.Add($"safety.unsafePlaces[{i}]", Say.Format(ProblemText.Problem_Safety_PlaceTooFar, Math.Round(km / 10) * 10, marginKm));
        }
        var organizations = safety.UnsafeOrganizationIds ?? [];
        for (var i = 0; i < organizations.Count; i++)
        {
            if (!area.RunsPrograms(organizations[i]) && !existingOrganizations.Contains(organizations[i]))
                v.Add($"safety.unsafeOrganizationIds[{i}]", ProblemText.Problem_Safety_NoSuchOrganization);
        }
        var programs = safety.UnsafeProgramIds ?? [];
        for (var i = 0; i < programs.Count; i++)
        {
            if (!area.HasProgram(programs[i]))
                v.Add($"safety.unsafeProgramIds[{i}]", ProblemText.Problem_Safety_NoSuchProgram);
        }
    }

    /// <summary>
    /// A Continuum of Care no program is in: the search would find nothing, and say only that
    /// every program is elsewhere, when the likely cause is a mistyped code.
    /// </summary>
    public static void CheckWants(Wants wants, ServiceArea area, Validation v)
    {
        var cocs = wants.CocCodes ?? [];
        for (var i = 0; i < cocs.Count; i++)
        {
            if (area.HasCoc(cocs[i])) continue;
            v.Add($"wants.cocCodes[{i}]", area.Cocs.Count == 0
                ? ProblemText.Problem_Match_NoCocs
                : Say.Format(ProblemText.Problem_Match_UnknownCoc, cocs[i], string.Join(", ", area.Cocs.Take(RegionsListed))));
        }
    }

    /// <summary>The organisations to look up: those given that run no program here.</summary>
    public static IReadOnlyCollection<Guid> OrganizationsToLookUp(Safety safety, ServiceArea area) =>
        (safety.UnsafeOrganizationIds ?? []).Where(id => !area.RunsPrograms(id)).Distinct().ToList();

    private static string UnknownRegion(string region, ServiceArea area)
    {
        if (area.Regions.Count == 0) return ProblemText.Problem_Safety_NoRegions;
        var start = ZipCode().IsMatch(region)
            ? ProblemText.Problem_Safety_ZipNotRegion
            : Say.Format(ProblemText.Problem_Safety_UnknownRegion, region);
        var squeezed = Squeeze(region);
        var guess = area.Regions.FirstOrDefault(r => Squeeze(r) == squeezed);
        var listed = string.Join(", ", area.Regions.Take(RegionsListed));
        var known = area.Regions.Count > RegionsListed
            ? Say.Format(ProblemText.Problem_Safety_KnownRegionsMore, listed, area.Regions.Count - RegionsListed)
            : Say.Format(ProblemText.Problem_Safety_KnownRegions, listed);
        return guess is null ? $"{start} {known}" : $"{start} {Say.Format(ProblemText.Problem_Safety_DidYouMean, guess)} {known}";
    }

    private static string Squeeze(string region) => new(region.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    [GeneratedRegex(@"^\d{5}(-\d{4})?$")]
    private static partial Regex ZipCode();
}
