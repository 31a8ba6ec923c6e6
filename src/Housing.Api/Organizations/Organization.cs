namespace Housing.Api.Organizations;

public enum OrganizationType
{
    /// <summary>Runs shelters or housing programs.</summary>
    Provider,
    /// <summary>Refers clients (an anti-trafficking or domestic-violence agency, a hotline).</summary>
    Agency,
    ProviderAndAgency,
}

public sealed record Organization(Guid Id, string Name, OrganizationType Type, string? Region, string? Phone, string? Email, DateTimeOffset CreatedAt);

public sealed record CreateOrganizationRequest(string? Name = null, OrganizationType? Type = null, string? Region = null, string? Phone = null, string? Email = null);
