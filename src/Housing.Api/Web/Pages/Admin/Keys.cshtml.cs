using Housing.Api.Auth;
using Housing.Api.Http;
using Housing.Api.Organizations;
using Housing.Api.Web.Pages.Referrals;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Admin;

/// <summary>
/// API keys: the list (never a key itself), issuing one through the API's own operation, and
/// revoking one after a confirmation. A new key is shown once, in the answer to the post that
/// issued it: never in a URL, a redirect, a log or any later page.
/// </summary>
[AdminOnly]
public sealed class KeysModel(ApiKeyStore keys, OrganizationStore organizations, TimeProvider clock) : ConsolePage
{
    public IReadOnlyList<ApiKeyInfo> Keys { get; private set; } = [];
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    [BindProperty] public IssueForm Issue { get; set; } = new();

    /// <summary>Set only in the answer to the post that issued it.</summary>
    public CreatedApiKey? Issued { get; private set; }

    /// <summary>A revocation posted without its confirmation: the page asks instead.</summary>
    public ApiKeyInfo? Confirming { get; private set; }

    public string OrganizationName(Guid? id) =>
        id is { } org ? Organizations.FirstOrDefault(o => o.Id == org)?.Name ?? org.ToString() : AdminToolsText.Keys_NoOrganization;

    public async Task OnGetAsync(Guid? revoked, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (revoked is { } id && Keys.FirstOrDefault(k => k.Id == id) is { RevokedAt: not null } key)
            Notice = Say.Format(AdminToolsText.Keys_Revoked, key.Label);
    }

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        var request = new CreateApiKeyRequest(
            HousingJson.TryParse<Role>(Issue.Role, out var role) ? role : null,
            Guid.TryParse(Issue.OrganizationId, out var org) ? org : null,
            Issue.Label);
        var outcome = await ApiKeysApi.IssueAsync(request, Caller, keys, organizations, clock, ct);
        if (outcome.Errors is { } errors) ShowErrors(InWords(errors, request.Role));
        else
        {
            Issued = outcome.Value;
            Issue = new IssueForm();
            ModelState.Clear();
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, string? confirm, CancellationToken ct)
    {
        await LoadAsync(ct);
        var key = Keys.FirstOrDefault(k => k.Id == id);
        if (key is null) return NotFound();
        if (confirm != Confirmation.Yes)
        {
            // Never on one click: ask, and change nothing (a page without JavaScript gets here by design).
            if (key.RevokedAt is null) Confirming = key;
            else Notice = Say.Format(AdminToolsText.Keys_Revoked, key.Label);
            return Page();
        }
        if (!await keys.RevokeAsync(id, Api.Audit.Actor.Of(Caller), clock.GetUtcNow(), ct)) return NotFound();
        return LocalRedirect($"/admin/keys?revoked={id}");
    }

    /// <summary>The API's organisation rule names the role by its code; the page says it in words.</summary>
    private static Dictionary<string, string[]> InWords(IDictionary<string, string[]> errors, Role? role)
    {
        var worded = new Dictionary<string, string[]>(errors);
        if (role is { } r && worded.ContainsKey("organizationId") && !worded["organizationId"].Contains(ProblemText.Problem_NoSuchOrganization))
            worded["organizationId"] = [Say.Format(r is Role.CaseManager or Role.Shelter ? AdminToolsText.Keys_OrganizationRequired : AdminToolsText.Keys_OrganizationNotAllowed,
                Terms.Of(r))];
        return worded;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Keys = (await keys.ListAsync(ct)).OrderBy(k => k.RevokedAt is not null).ThenByDescending(k => k.CreatedAt).ToList();
        Organizations = (await organizations.ListAsync(null, null, null, 5000, ct)).OrderBy(o => o.Name, StringComparer.CurrentCulture).ToList();
    }
}

public sealed class IssueForm
{
    public string? Role { get; set; }
    public string? OrganizationId { get; set; }
    public string? Label { get; set; }
}
