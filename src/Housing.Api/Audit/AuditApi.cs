using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Audit;

/// <summary>Which audit entries to list.</summary>
public sealed record AuditQuery
{
    [FromQuery(Name = "entityType"), Description("Only entries about this kind of entity: referral, ask, program, organization, api_key, person, webhook, webhook_delivery or overflow.")]
    [StringLength(40)]
    public string? EntityType { get; init; }

    [FromQuery(Name = "entityId"), Description("Only entries about this entity id.")]
    [StringLength(64)]
    public string? EntityId { get; init; }

    [FromQuery(Name = "action"), Description("Only this action, such as referral.accepted, placement.read, program.updated or availability.posted.")]
    [StringLength(64)]
    public string? Action { get; init; }

    [FromQuery(Name = "keyId"), Description("Only entries made with this key id.")]
    [StringLength(64)]
    public string? KeyId { get; init; }

    [FromQuery(Name = "personId"), Description("Only entries made by this person, signed in to the console.")]
    public Guid? PersonId { get; init; }

    [FromQuery(Name = "since"), Description("Only entries made at or after this time (ISO 8601 with an offset, such as 2026-11-25T00:00:00-08:00).")]
    public DateTimeOffset? Since { get; init; }

    [FromQuery(Name = "before"), Description("Only entries made before this time (ISO 8601 with an offset).")]
    public DateTimeOffset? Before { get; init; }

    [FromQuery(Name = "after"), Description("Return entries after this one (the previous page's `next`).")]
    public long? After { get; init; }

    [FromQuery(Name = "limit"), Description("Page size, 1 to 200 (default 50).")]
    [Range(1, Paging.MaxLimit)]
    public int? Limit { get; init; }
}

public static class AuditApi
{
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/audit").WithTags("Audit").RequireRoles(Role.Admin);
        group.MapGet("/", List).WithName("ListAudit")
            .WithSummary("Who did what to which referral, program, organisation or API key, and when, oldest first; a program's update names the fields it changed");
        return group;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> List(
        [AsParameters] AuditQuery query, AuditStore audit, CancellationToken ct)
    {
        var outcome = await ListAsync(query, audit, ct);
        return outcome.Value is { } page ? TypedResults.Ok(page) : TypedResults.ValidationProblem(outcome.Errors!);
    }

    /// <summary>The list's rules, for the endpoint and the console's audit page alike.</summary>
    public static async Task<Outcome<AuditPage>> ListAsync(AuditQuery query, AuditStore audit, CancellationToken ct)
    {
        var v = new Validation();
        RequestShape.Check(query, v);
        var take = Paging.Take(query.Limit);
        var filter = new AuditFilter(v.Filter("entityType", query.EntityType), v.Filter("entityId", query.EntityId),
            v.Filter("action", query.Action), v.Filter("keyId", query.KeyId), query.Since, query.Before, query.PersonId);
        if (query is { Since: { } since, Before: { } before } && before <= since) v.Add("before", ProblemText.Problem_Audit_BeforeSince);
        if (!v.IsValid) return new Invalid(v);
        var rows = await audit.ListAsync(filter, query.After, take, ct);
        return rows.Count > take ? new AuditPage(rows.Take(take).ToList(), rows[take - 1].Id) : new AuditPage(rows, null);
    }
}
