using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Organizations;

namespace Housing.Api.Programs;

/// <summary>What a create or an update stored, or, when it was <see cref="UpdateOutcome.Stale"/>, the program as it stands.</summary>
public sealed record ProgramWrite(UpdateOutcome Outcome, HousingProgram Program);

/// <summary>
/// Creating and replacing a program, for the API and the console alike: the same rules
/// (<see cref="ProgramRules"/>), the same ownership (a shelter's own organisation only) and
/// the same store, so a page can do nothing the API would refuse.
/// </summary>
public sealed class ProgramOperations(ProgramStore programs, OrganizationStore organizations, TimeProvider clock)
{
    /// <param name="found">Mistakes the caller already found in the input (a console form's unreadable numbers): the rules still run, so every mistake is said at once, and nothing is written.</param>
    public async Task<Outcome<ProgramWrite>> CreateAsync(Caller caller, ProgramRequest request, CancellationToken ct, Validation? found = null)
    {
        var v = found ?? new Validation();
        var definition = ProgramRules.Validate(request, v);
        if (request.OrganizationId is { } org && (!caller.CanManage(org) || await organizations.GetAsync(org, ct) is null))
            v.Add("organizationId", ProblemText.Problem_NoSuchOrganization);
        if (!v.IsValid || definition is null) return new Invalid(v);

        var program = await programs.CreateAsync(definition, Actor.Of(caller), clock.GetUtcNow(), ct);
        return new ProgramWrite(UpdateOutcome.Updated, program);
    }

    /// <summary>
    /// A full replacement, conditional on <paramref name="ifMatch"/> when given. Another
    /// organisation's program is not found for a shelter; a program cannot move to another organisation.
    /// </summary>
    public async Task<Outcome<ProgramWrite>> UpdateAsync(Caller caller, Guid id, ProgramRequest request, IfMatch? ifMatch, CancellationToken ct,
        Validation? found = null)
    {
        if (await programs.GetAsync(id, caller.ProgramScope, ct) is not { } existing) return Refusal.NotFound("program");

        var v = found ?? new Validation();
        var definition = ProgramRules.Validate(request, v);
        if (request.OrganizationId is { } org && org != existing.Definition.OrganizationId)
            v.Add("organizationId", ProblemText.Problem_Program_CannotMove);
        if (!v.IsValid || definition is null) return new Invalid(v);

        var (outcome, program) = await programs.UpdateAsync(id, definition, ifMatch, caller.OrganizationScope, Actor.Of(caller), clock.GetUtcNow(), ct);
        return outcome == UpdateOutcome.NotFound ? Refusal.NotFound("program") : new ProgramWrite(outcome, program!);
    }
}
