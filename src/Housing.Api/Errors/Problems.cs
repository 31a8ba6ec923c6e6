using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Errors;

/// <summary>
/// Our own problem types. Each type is a relative URI served by <see cref="ProblemTypesApi"/>,
/// so a person who meets one can read what it means; standard statuses keep ASP.NET Core's RFC 9110 links.
/// </summary>
public static class Problems
{
    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>
    {
        ["malformed-request"] = "The body is not valid JSON, has a value of the wrong type, an unknown field, or an unknown enum value. `errors` names the field.",
        ["body-too-large"] = "The request body is larger than the service accepts (Limits:MaxRequestBodyBytes).",
        ["stale-version"] = "The If-Match header names a version that is no longer current: someone else changed the resource. Read it again, then retry.",
        ["no-capacity"] = "None of the programs listed can hold beds for the whole household now (each is full or does not serve it). Nothing was held; `detail` names each program's reason.",
        ["hold-limit"] = "This case manager's key already holds as many beds as one key may (Referrals:MaxHeldPerCaseManager). Nothing was held; `detail` says how many beds the key holds and in how many referrals. Those are among its pending and accepted referrals: cancel one whose household no longer needs it, or wait for a shelter's decision, an expiry or an arrival.",
        ["illegal-transition"] = "The referral is not in a state that allows this move (for example accepting it twice, or deciding a step that has moved on). Nothing changed; read it again.",
        ["idempotency-key-reused"] = "The Idempotency-Key was already used by your agency for a request with a different body. A retry must send the same body; a new referral needs a new key.",
        ["hold-expired"] = "The shelter's time to decide ran out before it accepted; the bed goes back and a cascade moves on to the next program.",
        ["not-accepted"] = "Placement details are released only after the shelter accepts the referral.",
        ["no-webhook"] = "The organisation has no webhook, so an event cannot be sent to it. Register one (PUT /v1/organizations/{id}/webhook) first.",
        ["rate-limited"] = "This API key (or, without a valid key, this address) sent requests faster than it may (RateLimits:*). Wait the seconds Retry-After gives, then retry.",
        ["not-a-partner"] = "A program in the referral takes referrals only from its organisation's partner agencies, and your agency is not one of them (the shelter lists its partners: PUT /v1/organizations/{id}/partners). Nothing was held; `detail` names the programs.",
        ["watch-limit"] = "This case manager's key already has as many live watches as one key may (Watches:MaxLivePerCaseManager). Cancel one, or let one end, first.",
        ["watch-ended"] = "The watch has already ended (fulfilled, declined, cancelled or expired); nothing changed. Make a new watch to keep looking.",
        ["nothing-to-ask"] = "No program would take the household even with room: each one fails a safety or eligibility rule, not only capacity. Nothing was sent; search with explain=true to see why, or turn to the fallback resources.",
        ["ask-limit"] = "This case manager's key has as many asks open as one key may (Asks:MaxOpenPerCaseManager), or has asked as many programs in the last 24 hours as it may (Asks:MaxProgramsPerCaseManagerPerDay), so shelters are not flooded. `detail` says which; wait for answers, cancel an ask, or ask fewer programs.",
        ["already-answered"] = "Your program has already answered this ask; an answer cannot be changed. After a yes, go on with the referral it made.",
        ["placed-elsewhere"] = "Another program said yes to this ask first, and the household was placed there. Nothing was held at yours.",
        ["ask-closed"] = "The ask is no longer open at this program: its time to answer ran out, the agency cancelled it, or it has ended. Nothing changed.",
        ["delivery-not-failed"] = "Only an event whose delivery failed can be sent again; a pending one is still being tried, and a delivered one arrived.",
    };

    public static string TypeUri(string slug) => "/problems/" + slug;

    public static ProblemHttpResult PreconditionFailed(string detail) => Refusal.Stale(detail).ToProblem();

    public static ProblemHttpResult NotFound(string what) => Refusal.NotFound(what).ToProblem();
}
