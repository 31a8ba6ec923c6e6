using System.Diagnostics;
using Housing.Api.Asks;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Organizations;
using Housing.Api.Places;
using Housing.Api.Telemetry;
using Microsoft.Extensions.Options;

namespace Housing.Api.Matching;

/// <summary>The search, for the API's endpoint and the console's form alike; and its safety checks, which a watch and an ask share.</summary>
public sealed class MatchOperations(
    Gazetteer places, MatchIndexCache indexes, SearchLog searches, OrganizationStore organizations, TimeProvider clock,
    IOptions<MatchingOptions> options, IOptions<FallbackOptions> fallbacks, IOptions<AskOptions> asks, HousingMetrics metrics)
{
    public async Task<Outcome<MatchOutcome>> SearchAsync(Caller caller, MatchRequest request, bool explain, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = HousingTraces.Source.StartActivity("housing.search");
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var v = new Validation();
        RequestShape.Check(request, v);
        var query = MatchRequestRules.Validate(request, today, places, v);
        var arrival = MatchRequestRules.Arrival(request.ArriveAt, now, v);
        var limit = request.Limit ?? options.Value.DefaultLimit;
        if (!v.IsValid || query is null) return new Invalid(v);

        var index = indexes.Get(today);
        await CheckInputsAsync(query, index, v, ct);
        if (!v.IsValid) return new Invalid(v);

        // The caller's own agency, so referral-only programs are offered to their partners alone.
        query = query with { AgencyId = caller.OrganizationId, ArriveAt = arrival, CallFirstMinutes = options.Value.CallFirstMinutes };
        var outcome = MatchEngine.Run(index, query, now, options.Value.Weights, limit, explain);
        outcome = outcome with
        {
            NextSteps = NextSteps.For(outcome, limit, fallbacks.Value.ToResources(),
            canAct: caller.Role == Role.CaseManager, maxAsked: asks.Value.MaxPrograms)
        };
        searches.Add(SearchRecord.From(query, outcome, now));
        metrics.Searched(Stopwatch.GetElapsedTime(started), outcome);
        span?.SetTag("housing.matches", outcome.Matches.Count).SetTag("housing.considered", outcome.Considered);
        return outcome;
    }

    /// <summary>
    /// A safety input that would protect nothing (an unsafe place outside the county, an
    /// organisation that does not exist) is an error, not a quiet no-op; so is a Continuum of
    /// Care no program is in. The same for a search, a watch and an ask.
    /// </summary>
    public async Task CheckInputsAsync(MatchQuery query, MatchIndex index, Validation v, CancellationToken ct)
    {
        SafetyInputRules.CheckWants(query.Wants, index.Area, v);
        var existing = await organizations.ExistingAsync(SafetyInputRules.OrganizationsToLookUp(query.Safety, index.Area), ct);
        SafetyInputRules.Check(query.Safety, index.Area, options.Value.UnsafePlaceMarginKm, existing, v);
    }
}
