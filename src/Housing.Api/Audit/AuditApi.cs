using System.ComponentModel;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Audit;

public static class AuditApi
{
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/audit").WithTags("Audit").RequireRoles(Role.Admin);
        group.MapGet("/", List).WithName("ListAudit")
            .WithSummary("Who did what to which referral, program, organisation or API key, and when, oldest first");
        return group;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> List(
        AuditStore audit, CancellationToken ct,
        [Description("Only entries about this kind of entity: referral, ask, program, organization, api_key, webhook or webhook_delivery.")] string? entityType = null,
        [Description("Only entries about this entity id.")] string? entityId = null,
        [Description("Only this action, such as referral.accepted, placement.read, program.updated or availability.posted.")] string? action = null,
        [Description("Only entries made with this key id.")] string? keyId = null,
        [Description("Return entries after this one (the previous page's `next`).")] long? after = null,
        [Description("Page size, 1 to 200 (default 50).")] int? limit = null)
    {
        var v = new Validation();
        var take = Paging.Limit(v, limit);
        entityType = v.Filter("entityType", entityType, 40);
        entityId = v.Filter("entityId", entityId, 64);
        action = v.Filter("action", action, 64);
        keyId = v.Filter("keyId", keyId, 64);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var rows = await audit.ListAsync(entityType, entityId, action, keyId, after, take, ct);
        return TypedResults.Ok(rows.Count > take ? new AuditPage(rows.Take(take).ToList(), rows[take - 1].Id) : new AuditPage(rows, null));
    }
}
