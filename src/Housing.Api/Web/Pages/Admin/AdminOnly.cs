using Housing.Api.Auth;
using Housing.Api.Http;
using Microsoft.AspNetCore.Authorization;

namespace Housing.Api.Web.Pages.Admin;

/// <summary>
/// The admin tools' pages (keys, webhooks, audit) answer only an admin's session, as their API
/// operations answer only an admin's key; any other role gets the Forbidden page.
/// </summary>
public sealed class AdminOnlyAttribute : AuthorizeAttribute
{
    public AdminOnlyAttribute()
    {
        AuthenticationSchemes = ConsoleAuth.Scheme;
        Roles = HousingJson.Text(Role.Admin);
    }
}
