using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Housing.Api.Errors;

/// <summary>
/// A write that lost a race to another one on a unique key (two requests making the same thing
/// at the same moment) gets 409 <c>write-conflict</c>, not a 500: its transaction rolled back, so
/// nothing of it was saved, and reading again then retrying is the right answer. The operations
/// that can see such a race say so precisely themselves (an invitation's <c>person-exists</c>);
/// this is the answer for any that cannot, logged so the race can be found and handled there.
/// </summary>
public sealed class WriteConflictExceptionHandler(IProblemDetailsService problems, ILogger<WriteConflictExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUniqueViolation(exception)) return false;
        logger.LogWarning("Two writes raced on a unique key at {Path}: answered 409 write-conflict.", context.Request.Path.Value);
        context.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Type = Problems.TypeUri("write-conflict"),
                Title = ProblemText.Problem_WriteConflict_Title,
                Detail = ProblemText.Problem_WriteConflict_Detail,
            },
        });
    }

    /// <summary>A unique or primary key violation, on either engine (SQLite's extended codes 2067 and 1555; PostgreSQL's 23505).</summary>
    public static bool IsUniqueViolation(Exception? exception) => exception switch
    {
        SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } => true,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        null => false,
        _ => IsUniqueViolation(exception.InnerException),
    };
}
