using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Webhooks;

/// <summary>Which of an organisation's webhook deliveries to list.</summary>
public sealed record DeliveryQuery
{
    [FromQuery(Name = "status"), Description("Only deliveries in this status: pending, delivered or failed.")]
    public string? Status { get; init; }

    [FromQuery(Name = "after"), Description("Return deliveries older than this event id (the previous page's `next`).")]
    public Guid? After { get; init; }

    [FromQuery(Name = "limit"), Description("Page size, 1 to 200 (default 50).")]
    [Range(1, Paging.MaxLimit)]
    public int? Limit { get; init; }
}

public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        // An organisation's own keys manage its webhook; another organisation's answers 404.
        var group = app.MapGroup("/v1/organizations/{id:guid}/webhook").WithTags("Webhooks")
            .RequireRoles(Role.Admin, Role.CaseManager, Role.Shelter);
        group.MapPut("/", Set).WithName("SetWebhook").SendsETag().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Register or replace your organisation's webhook: where signed events are sent; the secret is never shown again");
        group.MapGet("/", Get).WithName("GetWebhook").SendsETag().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Read your organisation's webhook (never its secret)");
        group.MapDelete("/", Delete).WithName("DeleteWebhook").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Remove the webhook; events still waiting are marked failed, and you poll GET /v1/referrals instead");
        group.MapGet("/deliveries", ListDeliveries).WithName("ListWebhookDeliveries").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Recent events sent to your webhook, newest first, with each one's status and last attempt");
        group.MapPost("/deliveries/{eventId:guid}/retry", Retry).WithName("RetryWebhookDelivery")
            .WithSummary("Send a failed event again, from its first attempt")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Results<Ok<WebhookView>, ValidationProblem, ProblemHttpResult>> Set(
        [Description("The organisation's id.")] Guid id, SetWebhookRequest request, Caller caller, WebhookStore webhooks,
        EndpointGuard guard, IOptions<WebhookOptions> options, TimeProvider clock, HttpRequest http, CancellationToken ct)
    {
        if (!IfMatch.TryParse(http.Headers.IfMatch, out var ifMatch)) return TypedResults.ValidationProblem(ETags.MalformedIfMatch);
        var (outcome, webhook) = await SetAsync(id, request, ifMatch, caller, webhooks, guard, options.Value, clock, ct);
        if (webhook is not null) http.HttpContext.Response.Headers.ETag = ETags.Quote(webhook.ETag);
        if (outcome.IsNotFound) return NotFound();
        if (outcome.Errors is { } errors) return TypedResults.ValidationProblem(errors);
        return outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(outcome.Value!);
    }

    /// <summary>
    /// Registering or replacing a webhook, for the endpoint and the console's webhooks page alike:
    /// the same rules (the URL's shape and where its host points), the same If-Match check and audit.
    /// The webhook as it stands comes back beside the outcome, also when the change was refused as stale.
    /// </summary>
    public static async Task<(Outcome<WebhookView> Outcome, Webhook? Webhook)> SetAsync(Guid id, SetWebhookRequest request, IfMatch? ifMatch,
        Caller caller, WebhookStore webhooks, EndpointGuard guard, WebhookOptions options, TimeProvider clock, CancellationToken ct)
    {
        if (!MayManage(caller, id)) return (NoWebhook, null);
        var v = new Validation();
        RequestShape.Check(request, v);
        var url = WebhookRules.ValidateUrl(v, request.Url, options.AllowHttp);
        if (url is not null && await guard.CheckAsync(url, ct) is { } refused) v.Add("url", refused);
        if (!v.IsValid) return (new Invalid(v), null);

        var (outcome, webhook) = await webhooks.SetAsync(id, url!.AbsoluteUri, request.Secret!, ifMatch, Actor.Of(caller), clock.GetUtcNow(), ct);
        if (outcome == SetOutcome.NoOrganization) return (NoWebhook, null);
        if (outcome == SetOutcome.Stale)
            return (Refusal.Stale(webhook is null ? ProblemText.Problem_Webhook_NoneYet : Say.Format(ProblemText.Problem_Webhook_Stale, webhook.ETag)), webhook);
        return (webhook!.View(), webhook);
    }

    public static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> Get(
        [Description("The organisation's id.")] Guid id, Caller caller, WebhookStore webhooks, HttpResponse response, CancellationToken ct)
    {
        if (!MayManage(caller, id) || await webhooks.GetAsync(id, ct) is not { } webhook) return NotFound();
        response.Headers.ETag = ETags.Quote(webhook.ETag);
        return TypedResults.Ok(webhook.View());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        [Description("The organisation's id.")] Guid id, Caller caller, WebhookStore webhooks, TimeProvider clock, CancellationToken ct) =>
        MayManage(caller, id) && await webhooks.DeleteAsync(id, Actor.Of(caller), clock.GetUtcNow(), ct) ? TypedResults.NoContent() : NotFound();

    public static async Task<Results<Ok<Page<DeliveryView>>, ValidationProblem, ProblemHttpResult>> ListDeliveries(
        [Description("The organisation's id.")] Guid id, [AsParameters] DeliveryQuery query, Caller caller, DeliveryStore deliveries, CancellationToken ct)
    {
        if (!MayManage(caller, id)) return NotFound();
        var v = new Validation();
        RequestShape.Check(query, v);
        var take = Paging.Take(query.Limit);
        var parsed = QueryEnums.Parse<DeliveryStatus>(v, "status", query.Status);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var rows = await deliveries.ListAsync(id, parsed, query.After, take, ct);
        return TypedResults.Ok(Paging.From(rows, take, d => d.EventId));
    }

    public static async Task<Results<Ok<DeliveryView>, ProblemHttpResult>> Retry(
        [Description("The organisation's id.")] Guid id, [Description("The event's id (the Housing-Event-Id header).")] Guid eventId,
        Caller caller, DeliveryStore deliveries, TimeProvider clock, CancellationToken ct)
    {
        if (!MayManage(caller, id)) return NotFound();
        var (outcome, delivery) = await deliveries.RetryAsync(id, eventId, Actor.Of(caller), clock.GetUtcNow(), ct);
        return outcome switch
        {
            RetryOutcome.Requeued => TypedResults.Ok(delivery!),
            RetryOutcome.NotFound => Problems.NotFound("delivery"),
            RetryOutcome.NoWebhook => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ProblemText.Problem_Webhook_NoWebhook_Title,
                type: Problems.TypeUri("no-webhook"), detail: ProblemText.Problem_Webhook_NoWebhook_Detail),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ProblemText.Problem_Webhook_NotFailed_Title,
                type: Problems.TypeUri("delivery-not-failed"),
                detail: Say.Format(ProblemText.Problem_Webhook_NotFailed_Detail, HousingJson.Text(delivery!.Status))),
        };
    }

    /// <summary>An organisation's own keys manage its webhook, and admins any; another organisation's is a 404.</summary>
    private static bool MayManage(Caller caller, Guid organizationId) =>
        caller.IsAdmin || (caller.Role is Role.Shelter or Role.CaseManager && caller.OrganizationId == organizationId);

    private static Refusal NoWebhook => new(RefusalKind.NotFound, ProblemText.Problem_NotFound_Title, ProblemText.Problem_NotFound_Webhook);

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: ProblemText.Problem_NotFound_Title,
        detail: ProblemText.Problem_NotFound_Webhook);
}
