namespace Housing.Api.Organizations;

public static class OrganizationServices
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services)
    {
        services.AddSingleton<OrganizationStore>();
        services.AddSingleton<PartnerStore>();
        return services;
    }
}
