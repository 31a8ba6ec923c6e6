using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Errors;

/// <summary>
/// What a feature's operation comes to: its value, the fields that were wrong (keyed by the
/// JSON path the client sent), or a refusal. An endpoint answers it with TypedResults, a console
/// page with its form, so both say what the one set of rules decided.
/// </summary>
public sealed class Outcome<T> where T : class
{
    private Outcome(T? value, IDictionary<string, string[]>? errors, Refusal? refusal) =>
        (Value, Errors, Refusal) = (value, errors, refusal);

    /// <summary>Set when the operation was done.</summary>
    public T? Value { get; }

    /// <summary>Set when the input broke a rule; nothing was done.</summary>
    public IDictionary<string, string[]>? Errors { get; }

    /// <summary>Set when the input was valid but the operation was refused; nothing was done.</summary>
    public Refusal? Refusal { get; }

    public bool IsNotFound => Refusal?.Kind == RefusalKind.NotFound;

    public static Outcome<T> Done(T value) => new(value, null, null);

    public static implicit operator Outcome<T>(T value) => Done(value);

    public static implicit operator Outcome<T>(Invalid invalid) => new(null, invalid.Errors, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(null, null, refusal);
}

/// <summary>The input's mistakes, field by field.</summary>
public sealed record Invalid(IDictionary<string, string[]> Errors)
{
    public Invalid(Validation v) : this(v.Errors) { }
}

/// <summary>Why a valid request was not done.</summary>
public enum RefusalKind
{
    NotFound,
    /// <summary>A value the service cannot read, outside any field (a date in a path).</summary>
    Malformed,
    /// <summary>Allowed to the role, but not to this caller for these things (a partner rule).</summary>
    NotAllowed,
    /// <summary>The thing is not in a state that allows it now.</summary>
    Conflict,
    /// <summary>Based on a version someone has since replaced.</summary>
    Stale,
    /// <summary>Understood, but it cannot be done as asked.</summary>
    Unprocessable,
    /// <summary>The work itself failed.</summary>
    Failed,
}

/// <summary>A refusal in words a person can act on, and the problem type (a slug of <see cref="Problems"/>) a client can branch on.</summary>
public sealed record Refusal(RefusalKind Kind, string Title, string Detail, string? Type = null)
{
    /// <summary>Nothing called <paramref name="what"/> ("program", "API key") with the id asked for, in the request's language.</summary>
    public static Refusal NotFound(string what) => new(RefusalKind.NotFound, ProblemText.Problem_NotFound_Title, what switch
    {
        "API key" => ProblemText.Problem_NotFound_ApiKey,
        "ask" => ProblemText.Problem_NotFound_Ask,
        "delivery" => ProblemText.Problem_NotFound_Delivery,
        "organization" => ProblemText.Problem_NotFound_Organization,
        "offline beds" => ProblemText.Problem_NotFound_OfflineBeds,
        "overflow" => ProblemText.Problem_NotFound_Overflow,
        "program" => ProblemText.Problem_NotFound_Program,
        "person" => ProblemText.Problem_NotFound_Person,
        "referral" => ProblemText.Problem_NotFound_Referral,
        "watch" => ProblemText.Problem_NotFound_Watch,
        _ => throw new ArgumentOutOfRangeException(nameof(what), what, "No sentence for this kind of thing."),
    });

    public static Refusal Stale(string detail) => new(RefusalKind.Stale, ProblemText.Problem_Stale_Title, detail, "stale-version");

    public static Refusal Conflict(string type, string title, string detail) => new(RefusalKind.Conflict, title, detail, type);

    public ProblemHttpResult ToProblem() => TypedResults.Problem(detail: Detail, statusCode: Status, title: Title,
        type: Type is null ? null : Problems.TypeUri(Type));

    private int Status => Kind switch
    {
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Malformed => StatusCodes.Status400BadRequest,
        RefusalKind.NotAllowed => StatusCodes.Status403Forbidden,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.Stale => StatusCodes.Status412PreconditionFailed,
        RefusalKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status500InternalServerError,
    };
}
