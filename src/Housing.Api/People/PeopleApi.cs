using System.ComponentModel;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.People;

/// <summary>People who sign in to the console: an admin invites, lists, disables and re-enables them. Sign-in itself is the console's.</summary>
public static class PeopleApi
{
    public static RouteGroupBuilder MapPeople(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/people").WithTags("People").RequireRoles(Role.Admin);
        group.MapPost("/", Invite).WithName("InvitePerson").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Invite a person: the answer carries a one-time link to set a password, the only time it is shown (it is emailed too when the service sends mail)");
        group.MapGet("/", List).WithName("ListPeople")
            .WithSummary("List people, with their status, whether they use codes from an app, and their last sign-in");
        group.MapPost("/{id:guid}/link", NewLink).WithName("NewPersonLink").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A new one-time link for a person who lost theirs or let it expire; their earlier links stop working");
        group.MapPost("/{id:guid}/disable", Disable).WithName("DisablePerson").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Disable a person: their open sessions end at once, on every instance, and they cannot sign in");
        group.MapPost("/{id:guid}/reset-codes", ResetCodes).WithName("ResetPersonCodes").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Turn a person's codes from an app off (a lost phone and lost recovery codes): their sessions end, and they set new codes up at their next sign-in");
        group.MapPost("/{id:guid}/enable", Enable).WithName("EnablePerson").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Let a disabled person sign in again");
        return group;
    }

    /// <summary>The service's address as the admin reached it, for links (unless <c>People:PublicUrl</c> says otherwise).</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    public static async Task<Results<Created<PersonLink>, ValidationProblem, ProblemHttpResult>> Invite(
        InvitePersonRequest request, Caller caller, PeopleOperations people, HttpRequest http, CancellationToken ct)
    {
        return await people.InviteAsync(caller, request, BaseUrl(http), ct) switch
        {
            { Value: { } link } => TypedResults.Created($"/v1/people/{link.Person.Id}", link),
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            var refused => refused.Refusal!.ToProblem(),
        };
    }

    public static async Task<Ok<IReadOnlyList<PersonView>>> List(PeopleOperations people, CancellationToken ct) =>
        TypedResults.Ok(await people.ListAsync(ct));

    public static async Task<Results<Ok<PersonLink>, ProblemHttpResult>> NewLink(
        [Description("The person's id.")] Guid id, Caller caller, PeopleOperations people, HttpRequest http, CancellationToken ct) =>
        Answer(await people.NewLinkAsync(caller, id, BaseUrl(http), ct));

    public static async Task<Results<Ok<PersonView>, ProblemHttpResult>> Disable(
        [Description("The person's id.")] Guid id, Caller caller, PeopleOperations people, CancellationToken ct) =>
        Answer(await people.SetDisabledAsync(caller, id, disabled: true, ct));

    public static async Task<Results<Ok<PersonView>, ProblemHttpResult>> Enable(
        [Description("The person's id.")] Guid id, Caller caller, PeopleOperations people, CancellationToken ct) =>
        Answer(await people.SetDisabledAsync(caller, id, disabled: false, ct));

    public static async Task<Results<Ok<PersonView>, ProblemHttpResult>> ResetCodes(
        [Description("The person's id.")] Guid id, Caller caller, PeopleOperations people, CancellationToken ct) =>
        Answer(await people.ResetCodesAsync(caller, id, ct));

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(Outcome<T> outcome) where T : class =>
        outcome.Value is { } value ? TypedResults.Ok(value) : outcome.Refusal!.ToProblem();
}
