using Housing.Api.Errors;
using Housing.Api.Tests.Hostile;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Housing.Api.Tests.Contract;

/// <summary>
/// The contract states the shape rules the server enforces (from the request records'
/// attributes), so a client can check a request before sending it.
/// </summary>
public sealed class ShapeContractTests
{
    private static OpenApiDocument? s_document;

    private static async Task<OpenApiDocument> Contract()
    {
        if (s_document is not null) return s_document;
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var (document, _) = await OpenApiDocument.LoadAsync(Path.Combine(ContractOperations.RepositoryRoot(), "openapi.yaml"), settings);
        return s_document = document!;
    }

    private static async Task<IOpenApiSchema> Schema(string name) => (await Contract()).Components!.Schemas![name];

    [Test]
    public async Task ASearchsLimitHasItsRange()
    {
        var limit = (await Schema("MatchRequest")).Properties!["limit"];
        Assert.That((limit.Minimum, limit.Maximum), Is.EqualTo(("1", "200")));
    }

    [Test]
    public async Task AMembersAgeIsRequiredWithinItsRange()
    {
        var member = await Schema("MemberRequest");
        Assert.That(member.Required, Is.SupersetOf(new[] { "role", "age" }));
        var age = member.Properties!["age"];
        Assert.That((age.Minimum, age.Maximum), Is.EqualTo(("0", "120")));
        Assert.That(age.Type!.Value.HasFlag(JsonSchemaType.Null), Is.False, "a required age may not be null");
    }

    [Test]
    public async Task AHouseholdListsOneToTwentyMembers()
    {
        var household = await Schema("HouseholdRequest");
        Assert.That(household.Required, Does.Contain("members"));
        var members = household.Properties!["members"];
        Assert.That((members.MinItems, members.MaxItems), Is.EqualTo((1, 20)));
    }

    [Test]
    public async Task AProgramsRequiredFieldsAndPatternsAreStated()
    {
        var program = await Schema("ProgramRequest");
        Assert.That(program.Required, Is.SupersetOf(new[] { "organizationId", "name", "kind", "region", "location", "intakeContact", "inventory" }));
        Assert.That(program.Properties!["name"].MaxLength, Is.EqualTo(200));
        Assert.That(program.Properties["name"].MinLength, Is.EqualTo(1), "a required text may not be empty");
        Assert.That(program.Properties["region"].Pattern, Is.EqualTo("^[a-z0-9][a-z0-9-]{0,39}$"));
    }

    [Test]
    public async Task AListingsLimitHasItsRangeAndItsParametersKeepTheirNames()
    {
        var list = (await Contract()).Paths!["/v1/referrals"]!.Operations![HttpMethod.Get];
        Assert.That(list.Parameters!.Select(p => p.Name), Is.EquivalentTo(new[] { "status", "programId", "after", "limit" }));
        var limit = list.Parameters!.Single(p => p.Name == "limit");
        Assert.That((limit.In, limit.Schema!.Minimum, limit.Schema.Maximum), Is.EqualTo((ParameterLocation.Query, "1", "200")));
    }

    /// <summary>
    /// The contract may not promise more than the server checks: each field a request's schema
    /// lists as required is refused, under its own key, when a request leaves it out.
    /// </summary>
    [Test]
    public async Task EveryFieldARequestsSchemaRequiresIsRefusedWhenMissing()
    {
        var requests = 0;
        foreach (var (name, schema) in (await Contract()).Components!.Schemas!)
        {
            if (!name.EndsWith("Request", StringComparison.Ordinal) || schema.Required is not { Count: > 0 } required) continue;
            var type = typeof(RequestShape).Assembly.GetTypes().Single(t => t.Name == name && t.Namespace!.StartsWith("Housing.Api", StringComparison.Ordinal));
            var v = new Validation();
            RequestShape.Check(Empty(type), v);
            Assert.That(v.Errors.Keys, Is.SupersetOf(required), name);
            requests++;
        }
        Assert.That(requests, Is.GreaterThanOrEqualTo(15), "the request schemas that list required fields");
    }

    /// <summary>A request with every field left out, as a body of <c>{}</c> binds.</summary>
    private static object Empty(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : null).ToArray());
    }
}
