using System.Globalization;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Places;
using Housing.Api.Programs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Beds;

/// <summary>
/// Open capacity across the county, freshest first, with a map: what a case manager scans
/// before a call. Filters are in the URL (they say nothing about a household); a confidential
/// program shows its region, never its place.
/// </summary>
[Authorize(Policy = ConsoleAuth.Search)]
public sealed class IndexModel(AvailabilityOperations availability, ProgramCatalog catalog, RegionNames regionNames, IOptions<ConsoleOptions> console)
    : ConsolePage
{
    /// <summary>At most this many programs are listed; the filters narrow the rest.</summary>
    public const int Shown = 200;

    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? HouseholdType { get; set; }
    /// <summary>At least this many open beds (slots); 1 unless changed.</summary>
    [BindProperty(SupportsGet = true)] public string? MinOpen { get; set; }
    /// <summary>"fresh" (posted within the fresh window), "recent" (fresh or aging), or any age.</summary>
    [BindProperty(SupportsGet = true)] public string? Fresh { get; set; }

    /// <summary>The household type filtered on, as parsed from <see cref="HouseholdType"/>.</summary>
    private Housing.Api.Programs.HouseholdType? _type;

    public IReadOnlyList<AvailabilityListItem> Programs { get; private set; } = [];
    public int Found { get; private set; }
    public IReadOnlyList<string> Regions { get; private set; } = [];
    public MapData Map { get; private set; } = MapData.Empty;

    public string RegionName(string code) => regionNames.Name(code);

    public void OnGet()
    {
        Regions = regionNames.Ordered(catalog.Entries.Select(e => e.Program.Definition.Region));
        var v = new Validation();
        ProgramKind? kind = Parse<ProgramKind>(v, "kind", Kind);
        _type = Parse<Housing.Api.Programs.HouseholdType>(v, "householdType", HouseholdType);
        var minOpen = 1;
        if (!string.IsNullOrWhiteSpace(MinOpen)
            && (!int.TryParse(MinOpen.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out minOpen) || minOpen > ProgramRules.MaxCount))
            v.Add("minOpen", Say.Format(ConsoleText.Form_Range, ProgramRules.MaxCount));
        if (Fresh is { Length: > 0 } f && f is not ("fresh" or "recent")) v.Add("fresh", ConsoleText.Form_ChooseFromList);
        var region = string.IsNullOrEmpty(Region) ? null : Region;
        if (region is not null && !Regions.Contains(region)) v.Add("region", ConsoleText.Form_ChooseFromList);
        if (!v.IsValid)
        {
            ShowErrors(v.Errors);
            return;
        }

        var matching = availability.List(Caller, new AvailabilityFilter(kind, region, _type, minOpen), null)
            .Where(p => Fresh switch
            {
                "fresh" => p.Freshness == Freshness.Fresh,
                "recent" => p.Freshness is Freshness.Fresh or Freshness.Aging,
                _ => true,
            })
            .OrderBy(p => p.AgeSeconds ?? long.MaxValue).ThenBy(p => p.ProgramName, StringComparer.CurrentCulture)
            .ToList();
        Found = matching.Count;
        Programs = matching.Take(Shown).ToList();
        Map = MapData.For(Programs.Select(p => new Located(p.ProgramName, p.Region, p.Location)), regionNames, console.Value);
    }

    /// <summary>The open counts that passed the filter, in words: "6 beds for families with children".</summary>
    public IEnumerable<string> Open(AvailabilityListItem p)
    {
        var counts = p.Counts.Where(c => _type is null || c.HouseholdType == _type).ToList();
        // What is full is left out when something is open: the row is for what can be offered.
        if (counts.Any(c => c.Open > 0)) counts = counts.Where(c => c.Open > 0).ToList();
        return counts.Select(c => c.Held > 0
            ? Say.Format(c.Held == 1 ? ConsoleText.Beds_OpenHeld_One : ConsoleText.Beds_OpenHeld, c.Open, Display.Count(c.Open, c.Measure), Display.Household(c.HouseholdType), c.Held)
            : Say.Format(ConsoleText.Beds_Open, c.Open, Display.Count(c.Open, c.Measure), Display.Household(c.HouseholdType)));
    }

    private static T? Parse<T>(Validation v, string field, string? text) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (HousingJson.TryParse<T>(text, out var value)) return value;
        v.Add(field, ConsoleText.Form_ChooseFromList);
        return null;
    }
}
