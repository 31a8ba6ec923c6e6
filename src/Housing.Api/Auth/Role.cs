namespace Housing.Api.Auth;

public enum Role
{
    Admin,
    /// <summary>Bound to one agency (an organisation); searches and refers.</summary>
    CaseManager,
    /// <summary>Bound to one organisation; manages that organisation's programs and availability.</summary>
    Shelter,
    /// <summary>Reads reports and aggregate capacity; no client data.</summary>
    Reporter,
}
