using System.ComponentModel;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Asks;

public static partial class AsksApi
{
    public static async Task<Results<Ok<AskView>, ProblemHttpResult>> Get(
        [Description("The ask's id.")] Guid id, Caller caller, AskOperations asks, CancellationToken ct) =>
        await asks.GetAsync(caller, id, ct) is { } ask ? TypedResults.Ok(ask) : Problems.NotFound("ask");

    public static async Task<Results<Ok<Page<AskView>>, ValidationProblem>> List(
        [AsParameters] AskQuery query, Caller caller, AskOperations asks, CancellationToken ct) =>
        await asks.ListAsync(caller, query, ct) switch
        {
            { Value: { } page } => TypedResults.Ok(page),
            var invalid => TypedResults.ValidationProblem(invalid.Errors!),
        };

    public static async Task<Results<Ok<AskView>, ProblemHttpResult>> Cancel(
        [Description("The ask's id.")] Guid id, Caller caller, AskOperations asks, CancellationToken ct) =>
        await asks.CancelAsync(caller, id, ct) switch
        {
            { Value: { } ask } => TypedResults.Ok(ask),
            var refused => refused.Refusal!.ToProblem(),
        };

    public static async Task<Results<Ok<AskView>, ValidationProblem, ProblemHttpResult>> Answer(
        [Description("The ask's id.")] Guid id, [Description("Your program the answer is for.")] Guid programId, AnswerAskRequest request,
        Caller caller, AskOperations asks, CancellationToken ct) =>
        await asks.AnswerAsync(caller, id, programId, request, ct) switch
        {
            { Value: { } ask } => TypedResults.Ok(ask),
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            var refused => refused.Refusal!.ToProblem(),
        };
}
