using Housing.Api.Auth;
using Housing.Api.Http;

namespace Housing.Api.Web.Pages.Admin;

/// <summary>
/// The audit log's codes in words: actions ("program.updated" is "Program updated"), entity
/// types, who acted, and the names of the fields an update changed. A code with no words yet
/// (a new action or field) is shown as it is rather than hidden.
/// </summary>
public static class AdminWords
{
    /// <summary>Every action the service writes to the log, in the order the filter offers them.</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        "program.created", "program.updated", "program.beds_offline", "program.beds_returned", "availability.posted",
        "organization.created", "organization.updated", "organization.partners_set", "organization.eligibility_updated",
        "referral.created", "referral.accepted", "referral.declined", "referral.placed", "referral.no_show",
        "referral.cancelled", "referral.expired", "referral.purged", "referral.hold_released", "referral.hold_placed", "placement.read",
        "ask.created", "ask.answered", "ask.cancelled", "ask.expired", "ask.purged",
        "watch.created", "watch.cancelled",
        "api_key.created", "api_key.revoked",
        "person.invited", "person.link_issued", "person.password_set", "person.two_factor_enrolled", "person.signed_in",
        "person.signed_in_with_recovery_code", "person.signed_in_with_sso", "person.locked_out", "person.codes_reset",
        "person.disabled", "person.enabled",
        "webhook.created", "webhook.updated", "webhook.deleted", "webhook.delivery_retried",
        "overflow.activated", "overflow.ended",
    ];

    public static readonly IReadOnlyList<string> EntityTypes =
        ["program", "organization", "referral", "ask", "watch", "api_key", "person", "webhook", "webhook_delivery", "overflow"];

    public static string Action(string code) => Lookup("Audit_Action_", code);

    public static string EntityType(string code) => Lookup("Audit_Entity_", code);

    public static string Field(string name) => Lookup("Audit_Field_", name);

    /// <summary>A role in words; the service's own work (the retention sweep) has no key and no role of ours.</summary>
    public static string Role(string code) =>
        HousingJson.TryParse<Role>(code, out var role) ? Terms.Capitalized(Terms.Of(role)) : AdminToolsText.Audit_Who_Service;

    internal static string Key(string prefix, string code) => prefix + code.Replace('.', '_');

    internal static string? Words(string prefix, string code) => AdminToolsText.ResourceManager.GetString(Key(prefix, code), AdminToolsText.Culture);

    private static string Lookup(string prefix, string code) => Words(prefix, code) ?? code;
}
