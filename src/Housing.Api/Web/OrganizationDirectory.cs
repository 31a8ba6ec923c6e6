using Housing.Api.Http;
using Housing.Api.Organizations;

namespace Housing.Api.Web;

/// <summary>Every organisation, by name, for the admin pages' lists and choices (the API's list, read page by page).</summary>
public sealed class OrganizationDirectory(OrganizationStore store)
{
    public async Task<IReadOnlyList<Organization>> AllAsync(CancellationToken ct)
    {
        var all = new List<Organization>();
        Guid? after = null;
        while (true)
        {
            var page = await store.ListAsync(null, null, after, Paging.MaxLimit, ct);
            all.AddRange(page.Take(Paging.MaxLimit));
            if (page.Count <= Paging.MaxLimit) break;
            after = page[Paging.MaxLimit - 1].Id;
        }
        return all.OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}
