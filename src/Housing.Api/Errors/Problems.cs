using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Errors;

/// <summary>
/// Our own problem types. Each type is a relative URI served by <see cref="ProblemTypesApi"/>,
/// so a person who meets one can read what it means; standard statuses keep ASP.NET Core's RFC 9110 links.
/// </summary>
public static class Problems
{
    /// <summary>Our problem types' slugs; each one's page says what it means in <see cref="ProblemText"/>.</summary>
    public static readonly IReadOnlyList<string> Slugs =
    [
        "malformed-request",
        "body-too-large",
        "stale-version",
        "no-capacity",
        "hold-limit",
        "illegal-transition",
        "idempotency-key-reused",
        "hold-expired",
        "not-accepted",
        "no-webhook",
        "rate-limited",
        "not-a-partner",
        "watch-limit",
        "watch-ended",
        "nothing-to-ask",
        "ask-limit",
        "already-answered",
        "placed-elsewhere",
        "ask-closed",
        "delivery-not-failed",
        "person-exists",
        "person-disabled",
        "person-self",
        "link-spent",
        "write-conflict",
    ];

    /// <summary>What each type means, in the request's language.</summary>
    public static IReadOnlyDictionary<string, string> Types =>
        Slugs.ToDictionary(s => s, s => ProblemText.ResourceManager.GetString("ProblemType_" + string.Concat(s.Split('-').Select(Terms.Capitalized)), ProblemText.Culture)
            ?? throw new InvalidOperationException($"No text for the problem type {s}."));

    public static string TypeUri(string slug) => "/problems/" + slug;

    public static ProblemHttpResult PreconditionFailed(string detail) => Refusal.Stale(detail).ToProblem();

    public static ProblemHttpResult NotFound(string what) => Refusal.NotFound(what).ToProblem();
}
