using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Matching;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using static Housing.Api.Tests.Matching.RandomSearches;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// A search's answer is written by source-generated code (<see cref="HousingJsonContext"/>,
/// through <see cref="JsonOk{T}"/>), not by the app's JSON options: it must be the same bytes
/// those options write, for any search, so the contract does not depend on which writer runs.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class MatchOutcomeJsonTests
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .Configure<JsonOptions>(o => HousingJson.Configure(o.SerializerOptions))
        .BuildServiceProvider();

    private static readonly JsonSerializerOptions AppOptions = Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JsonOptions>>().Value.SerializerOptions;

    [Test]
    public void TheGeneratedWriterWritesWhatTheAppsOptionsWouldOverRandomSearches() =>
        Gen.Select(Searches, Gen.Bool, Gen.Int[1, 30]).Sample((search, explain, limit) =>
        {
            var outcome = MatchEngine.Run(MatchIndex.Build(search.Entries, Today), search.Query, Now, new ScoringWeights(), limit, explain);
            var (body, response) = Write(outcome);
            if (body != JsonSerializer.Serialize(outcome, AppOptions)) throw new PropertyFailure("the bytes differ");
            if (response.ContentLength != Encoding.UTF8.GetByteCount(body)) throw new PropertyFailure("wrong Content-Length");
        }, iter: 200, print: t => t.Item1.ToString());

    [Test]
    public void TheAnswerIsSentWholeAsJsonWithItsLength()
    {
        var outcome = new MatchOutcome([], 0, 0, 0, "0 programs can take the whole household now.", [], null);

        var (body, response) = Write(outcome);

        Assert.That(response.StatusCode, Is.EqualTo(StatusCodes.Status200OK));
        Assert.That(response.ContentType, Is.EqualTo("application/json; charset=utf-8"));
        Assert.That(response.ContentLength, Is.EqualTo(body.Length));
        Assert.That(body, Is.EqualTo(JsonSerializer.Serialize(outcome, AppOptions)));
    }

    [Test]
    public void OnlyTheGeneratedCodeCanWriteAnAnswer() =>
        // Serialization-only metadata: if the fast path were ever refused (say, a converter added
        // to the context's options), writing would fail here rather than quietly slow down.
        Assert.That(HousingJsonContext.Default.MatchOutcome.Properties, Is.Empty);

    [Test]
    public void EveryEnumInAnAnswerCarriesTheSnakeCaseConverter()
    {
        // The generated code does not see HousingJson's enum converter: an enum without the
        // attribute would be written as a number.
        var enums = Reachable(typeof(MatchOutcome)).Where(t => t.IsEnum).ToList();

        Assert.That(enums, Is.Not.Empty);
        foreach (var type in enums)
        {
            var attribute = type.GetCustomAttributes(typeof(JsonConverterAttribute), inherit: false).Cast<JsonConverterAttribute>().SingleOrDefault();
            Assert.That(attribute?.ConverterType, Is.EqualTo(typeof(SnakeCaseEnumConverter<>).MakeGenericType(type)), type.Name);
        }
    }

    private static (string Body, HttpResponse Response) Write(MatchOutcome outcome)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        new JsonOk<MatchOutcome>(outcome, HousingJsonContext.Default.MatchOutcome).ExecuteAsync(context).GetAwaiter().GetResult();
        return (Encoding.UTF8.GetString(body.ToArray()), context.Response);
    }

    /// <summary>The types of every property under <paramref name="root"/>, lists and nullables unwrapped.</summary>
    private static HashSet<Type> Reachable(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([root]);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type)) continue;
            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : []) pending.Push(argument);
            if (type.Namespace?.StartsWith("Housing.Api", StringComparison.Ordinal) == true)
                foreach (var property in type.GetProperties()) pending.Push(property.PropertyType);
        }
        return seen;
    }
}
