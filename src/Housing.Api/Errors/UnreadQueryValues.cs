using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Errors;

/// <summary>
/// Names the query value behind a bare 400. The compiled request delegates answer an optional
/// query value that does not parse (<c>?limit=abc</c>, <c>?after=42</c>) with a 400 and no
/// exception, so <see cref="BadRequestExceptionHandler"/> never hears of it; this looks at the
/// endpoint's parsable parameters, finds the value that does not parse, and writes the same
/// problem that handler writes, naming the parameter.
/// </summary>
public static class UnreadQueryValues
{
    private static readonly ConcurrentDictionary<Type, Func<string, bool>> s_parsers = new();

    public static async Task WriteAsync(StatusCodeContext context, Func<StatusCodeContext, Task> otherwise)
    {
        var http = context.HttpContext;
        if (http.Response.StatusCode != StatusCodes.Status400BadRequest || Unreadable(http) is not { } name)
        {
            await otherwise(context);
            return;
        }
        var message = ProblemText.Problem_Malformed_WrongParameterType;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = ProblemText.Problem_Malformed_Title,
            Type = Problems.TypeUri("malformed-request"),
            Detail = message,
            Extensions = { ["errors"] = new Dictionary<string, string[]> { [name] = [message] } },
        };
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem })) await otherwise(context);
    }

    /// <summary>The first query parameter of the endpoint whose value is there but does not parse as its type.</summary>
    public static string? Unreadable(HttpContext http)
    {
        foreach (var parameter in http.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
        {
            if (!parameter.HasTryParse) continue;
            var name = QueryName(parameter);
            var value = http.Request.Query[name];
            if (value.Count == 0 || string.IsNullOrEmpty(value[0])) continue;
            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            if (!s_parsers.GetOrAdd(type, Parser)(value[0]!)) return name;
        }
        return null;
    }

    /// <summary>
    /// The name a client writes for a handler's parameter, by the parameter's name as the framework
    /// knows it (for a property of an <c>[AsParameters]</c> record, the property's: <c>Limit</c>).
    /// </summary>
    /// <remarks>An exception handler runs with the endpoint cleared; the exception's feature still has it.</remarks>
    public static string QueryName(HttpContext http, string name) =>
        (http.GetEndpoint() ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint)?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>()
            .FirstOrDefault(p => p.Name == name || p.ParameterInfo.Name == name) is { } parameter ? QueryName(parameter) : name;

    /// <summary>The query name of <c>[FromQuery(Name = "limit")]</c>, else the parameter's own.</summary>
    private static string QueryName(IParameterBindingMetadata parameter) =>
        parameter.ParameterInfo.GetCustomAttributes(inherit: true).OfType<IFromQueryMetadata>().FirstOrDefault()?.Name ?? parameter.Name;

    private static Func<string, bool> Parser(Type type)
    {
        var withCulture = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static,
            [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        if (withCulture is not null)
            return text => (bool)withCulture.Invoke(null, [text, CultureInfo.InvariantCulture, null])!;
        var plain = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]);
        return plain is null ? _ => true : text => (bool)plain.Invoke(null, [text, null])!;
    }
}
