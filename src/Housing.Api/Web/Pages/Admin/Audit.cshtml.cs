using System.Globalization;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Admin;

/// <summary>
/// The audit log, oldest first as the API lists it, through the API's own operation and rules:
/// filters for entity, action, key and a range of days (in the service's time zone), paged. The
/// filters go in the URL; they are ids and codes, never anything about a household.
/// </summary>
[AdminOnly]
public sealed class AuditModel(AuditStore audit, ApiKeyStore keys, People.PeopleStore people, LocalTime local) : AdminToolsPage
{
    [BindProperty(SupportsGet = true, Name = "entityType")] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true, Name = "entityId")] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "keyId")] public string? KeyId { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "after")] public string? After { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public long? Next { get; private set; }
    public IReadOnlyDictionary<string, ApiKeyInfo> KeysById { get; private set; } = new Dictionary<string, ApiKeyInfo>();
    public IReadOnlyDictionary<Guid, string> EmailsById { get; private set; } = new Dictionary<Guid, string>();

    public bool Filtered => new[] { EntityType, EntityId, ActionCode, KeyId, From, To }.Any(f => !string.IsNullOrWhiteSpace(f));

    public override string FieldLabel(string field) => field switch
    {
        "entityType" => AdminToolsText.Audit_Field_EntityType,
        "entityId" => AdminToolsText.Audit_Field_EntityId,
        "action" => AdminToolsText.Audit_Field_Action,
        "keyId" => AdminToolsText.Audit_Field_KeyId,
        "from" => AdminToolsText.Audit_Field_From,
        "to" => AdminToolsText.Audit_Field_To,
        _ => base.FieldLabel(field),
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var since = DayStart(From, "from", 0, errors);
        var before = DayStart(To, "to", 1, errors);
        long? after = long.TryParse(After, NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
        KeysById = (await keys.ListAsync(ct)).ToDictionary(k => k.Id.ToString());
        EmailsById = (await people.ListAsync(ct)).ToDictionary(p => p.Id, p => p.Email);
        if (errors.Count > 0)
        {
            ShowErrors(errors);
            return;
        }
        var query = new AuditQuery
        {
            EntityType = Blank(EntityType),
            EntityId = Blank(EntityId),
            Action = Blank(ActionCode),
            KeyId = Blank(KeyId),
            Since = since,
            Before = before,
            After = after,
        };
        var outcome = await AuditApi.ListAsync(query, audit, ct);
        if (outcome.Errors is { } refused)
        {
            // The API names the range's ends "since" and "before"; this form calls them "from" and "to".
            ShowErrors(refused.ToDictionary(e => e.Key switch { "since" => "from", "before" => "to", var k => k },
                e => e.Key == "before" ? [AdminToolsText.Audit_Date_ToBeforeFrom] : e.Value));
            return;
        }
        (Entries, Next) = (outcome.Value!.Items, outcome.Value.Next);
    }

    /// <summary>This page's URL with the same filters and another page.</summary>
    public string PageUrl(long? after)
    {
        var query = new Dictionary<string, string?>
        {
            ["entityType"] = Blank(EntityType),
            ["entityId"] = Blank(EntityId),
            ["action"] = Blank(ActionCode),
            ["keyId"] = Blank(KeyId),
            ["from"] = Blank(From),
            ["to"] = Blank(To),
            ["after"] = after?.ToString(CultureInfo.InvariantCulture),
        };
        return "/admin/audit" + QueryString.Create(query.Where(p => p.Value is not null));
    }

    /// <summary>The log of one entity, or of one key, whatever else is filtered.</summary>
    public string PageUrlFor(string entityType, string entityId) => "/admin/audit" + QueryString.Create(new Dictionary<string, string?> { ["entityType"] = entityType, ["entityId"] = entityId });

    public string PageUrlForKey(string keyId) => "/admin/audit" + QueryString.Create("keyId", keyId);

    /// <summary>Where an entry's entity has a page of these tools; null where it has none.</summary>
    public static string? EntityPage(AuditEntry entry) => entry.EntityType switch
    {
        "webhook" => $"/admin/webhooks?organizationId={Uri.EscapeDataString(entry.EntityId)}",
        "api_key" => "/admin/keys",
        "person" => "/admin/people",
        "program" => $"/admin/programs/{Uri.EscapeDataString(entry.EntityId)}",
        "organization" => $"/admin/organizations/{Uri.EscapeDataString(entry.EntityId)}",
        _ => null,
    };

    /// <summary>Who acted: the person by their email; else the role in words, and the key's label when it is a key we issued.</summary>
    public string Who(AuditEntry entry) => entry.PersonId is { } person && EmailsById.TryGetValue(person, out var email)
        ? Say.Format(AdminToolsText.Audit_Who_Person, AdminWords.Role(entry.Role), email)
        : KeysById.TryGetValue(entry.KeyId, out var key)
        ? Say.Format(AdminToolsText.Audit_Who_Key, AdminWords.Role(entry.Role), key.Label)
        : entry.KeyId == BootstrapAdminKey.Caller.KeyId ? AdminToolsText.Audit_Who_Bootstrap : AdminWords.Role(entry.Role);

    /// <summary>
    /// The start of the day typed as yyyy-MM-dd, or of a later one, in the service's time zone: a
    /// range "to" a day ends where the next day starts (a day of a clock change is 23 or 25 hours).
    /// </summary>
    private DateTimeOffset? DayStart(string? text, string field, int plusDays, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && local.Parse(day.AddDays(plusDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00") is { } start)
            return start;
        errors[field] = [AdminToolsText.Audit_Date_Invalid];
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
