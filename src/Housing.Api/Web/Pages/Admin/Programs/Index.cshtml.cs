using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Organizations;
using Housing.Api.Places;
using Housing.Api.Programs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Admin.Programs;

/// <summary>
/// Every program, filtered by kind, region and organisation as the API's list is
/// (<see cref="ProgramStore.ListAsync"/>). A listing never shows a confidential program's address.
/// </summary>
[Authorize(Policy = ConsoleAuth.Admin)]
public sealed class IndexModel(ProgramStore programs, OrganizationDirectory directory, IOptions<RegionOptions> regions, RegionNames names) : ConsolePage
{
    /// <summary>A page of the list at most: more than that is narrowed with the filters.</summary>
    public const int Shown = 1000;

    public string? Kind { get; private set; }
    public string? Region { get; private set; }
    public string? OrganizationId { get; private set; }

    public IReadOnlyList<HousingProgram> Programs { get; private set; } = [];
    public bool More { get; private set; }
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> OrganizationNames { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The named regions and any other a program is in, by name.</summary>
    public IReadOnlyList<string> Regions { get; private set; } = [];

    public async Task OnGetAsync(string? kind, string? region, string? organizationId, CancellationToken ct)
    {
        (Kind, Region, OrganizationId) = (kind, region, organizationId);
        Organizations = await directory.AllAsync(ct);
        OrganizationNames = Organizations.ToDictionary(o => o.Id, o => o.Name);

        var v = new Validation();
        var parsedKind = QueryEnums.Parse<ProgramKind>(v, "kind", string.IsNullOrEmpty(kind) ? null : kind);
        var regionFilter = v.Filter("region", region);
        Guid? organization = null;
        if (!string.IsNullOrEmpty(organizationId))
        {
            if (Guid.TryParse(organizationId, out var o)) organization = o;
            else v.Add("organizationId", ConsoleText.Form_ChooseFromList);
        }
        if (!v.IsValid)
        {
            ShowErrors(v.Errors);
            Regions = names.Ordered(regions.Value.Names.Keys);
            return;
        }

        var all = new List<HousingProgram>();
        Guid? after = null;
        while (all.Count < Shown)
        {
            var page = await programs.ListAsync(new ProgramFilter(parsedKind, regionFilter, organization), Caller.ProgramScope, after, Paging.MaxLimit, ct);
            all.AddRange(page.Take(Paging.MaxLimit));
            if (page.Count <= Paging.MaxLimit) break;
            after = page[Paging.MaxLimit - 1].Id;
        }
        More = all.Count > Shown;
        Programs = all.Take(Shown).OrderBy(p => p.Definition.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        Regions = names.Ordered(regions.Value.Names.Keys.Concat(all.Select(p => p.Definition.Region)));
    }

    /// <summary>"12 beds" in its inventory, or "3 slots" for rapid rehousing, however many are in force today.</summary>
    public static string Capacity(HousingProgram p)
    {
        var slots = p.Definition.Kind == ProgramKind.RapidRehousing;
        var n = p.Definition.Inventory.Sum(i => slots ? i.Slots : i.Beds);
        return (slots, n == 1) switch
        {
            (true, true) => AdminText.Programs_Slot_One,
            (true, false) => Say.Format(AdminText.Programs_Slots, n),
            (false, true) => AdminText.Programs_Bed_One,
            (false, false) => Say.Format(AdminText.Programs_Beds, n),
        };
    }
}
