using Housing.Api.Http;
using Microsoft.AspNetCore.Authentication;

namespace Housing.Api.Auth;

public static class AuthServices
{
    public static IServiceCollection AddHousingAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<BootstrapAdminKey>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder();
        return services;
    }

    /// <summary>
    /// Requires a key with one of these roles, and records them for the OpenAPI document,
    /// so the contract says who may call each operation.
    /// </summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params Role[] roles) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(p => p.RequireRole(roles.Select(r => HousingJson.Text(r))));
        builder.WithMetadata(new RolesMetadata(roles));
        return builder;
    }
}

public sealed record RolesMetadata(IReadOnlyList<Role> Roles);
