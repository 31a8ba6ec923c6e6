using System.ComponentModel.DataAnnotations;

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

public sealed record CreateOrganizationRequest(
    [property: Required, StringLength(200)] string? Name = null,
    [property: Required] OrganizationType? Type = null,
    [property: RegularExpression(OrganizationRules.Region, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Region))] string? Region = null,
    [property: StringLength(40), RegularExpression(OrganizationRules.Phone, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Phone))] string? Phone = null,
    [property: StringLength(254), RegularExpression(OrganizationRules.Email, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Email))] string? Email = null);
