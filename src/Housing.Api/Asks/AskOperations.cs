using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Matching;
using Housing.Api.Places;
using Housing.Api.Programs;
using Microsoft.Extensions.Options;

namespace Housing.Api.Asks;

/// <summary>
/// Asking, reading, cancelling and answering asks, for the API's endpoints and the console's
/// pages alike: each answers the outcome in its own way, and the rules are these.
/// </summary>
public sealed partial class AskOperations(
    Gazetteer places, AskStore store, MatchIndexCache indexes, MatchOperations matching, ProgramCatalog catalog, TimeProvider clock,
    IOptions<MatchingOptions> matchingOptions, IOptions<AskOptions> options)
{
    public async Task<Outcome<AskView>> CreateAsync(Caller caller, CreateAskRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var max = options.Value.MaxPrograms;
        var v = new Validation();
        RequestShape.Check(request, v);
        var reference = request.ClientReference;
        var query = MatchRequestRules.Validate(new MatchRequest(request.Household, request.Wants, request.Safety), today, places, v);
        var programIds = request.ProgramIds;
        // The most is a setting (Asks:MaxPrograms), so it is a rule here rather than the request's shape.
        if (programIds?.Count > max && !v.Has("programIds"))
            v.Add("programIds", Say.Format(ProblemText.Problem_Ask_ProgramCount, max));
        if (!v.IsValid || query is null) return new Invalid(v);

        var index = indexes.Get(today);
        await matching.CheckInputsAsync(query, index, v, ct);
        if (!v.IsValid) return new Invalid(v);

        // The caller's own agency, so referral-only programs are asked only by their partners.
        query = query with { AgencyId = caller.OrganizationId };
        var chosen = programIds ?? MatchEngine.WouldFitWithRoom(index, query, now, matchingOptions.Value.Weights, max).Select(m => m.Program.Id).ToList();
        if (programIds is not null) CheckAskable(programIds, index, query, v);
        if (!v.IsValid) return new Invalid(v);
        var programs = chosen.Select(id => catalog.Get(id)?.Program).OfType<HousingProgram>().ToList();
        if (programs.Count == 0)
            return new Refusal(RefusalKind.Unprocessable, ProblemText.Problem_NothingToAsk_Title, ProblemText.Problem_NothingToAsk_Detail,
                "nothing-to-ask");

        var (outcome, ask, limit) = await store.CreateAsync(caller.OrganizationId!.Value, Actor.Of(caller), reference!, request.Household!,
            query.Household, programs, now, ct);
        return outcome switch
        {
            CreateAskOutcome.Created => View(ask!, caller),
            CreateAskOutcome.TooManyOpen => Refusal.Conflict("ask-limit", ProblemText.Problem_AskLimit_Title,
                limit + " " + ProblemText.Problem_AskLimit_Open_Then),
            _ => Refusal.Conflict("ask-limit", ProblemText.Problem_AskLimit_Title,
                limit + " " + ProblemText.Problem_AskLimit_Day_Then),
        };
    }

    /// <summary>Each listed program must be one worth asking: it fails on capacity alone. Otherwise the field says why not.</summary>
    private static void CheckAskable(IReadOnlyList<Guid> programIds, MatchIndex index, MatchQuery query, Validation v)
    {
        for (var i = 0; i < programIds.Count; i++)
        {
            var reasons = MatchEngine.ReasonsFor(index, query, programIds[i]);
            if (reasons is null) v.Add($"programIds[{i}]", ProblemText.Problem_NoSuchProgram);
            else if (reasons.Count == 0)
                v.Add($"programIds[{i}]", ProblemText.Problem_Ask_HasRoom);
            else if (!MatchEngine.OnlyCapacity([.. reasons]))
                v.Add($"programIds[{i}]", Say.Format(ProblemText.Problem_Ask_WouldNotTake,
                    string.Join(" ", reasons.Where(r => !NextSteps.CapacityOnly.Contains(r)).Select(ExclusionReasons.Sentence))));
        }
    }
}
