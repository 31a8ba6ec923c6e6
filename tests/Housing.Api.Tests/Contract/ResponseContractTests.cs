using System.Text;

namespace Housing.Api.Tests.Contract;

/// <summary>
/// The judge every test's answers go through must itself catch each way an answer can break the
/// contract, and let a good answer through; these hold it to a small contract of their own.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ResponseContractTests
{
    private const string Document = """
        {
          "openapi": "3.1.1",
          "info": { "title": "t", "version": "1" },
          "paths": {
            "/v1/things/{id}": {
              "get": {
                "operationId": "GetThing",
                "responses": {
                  "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } } },
                  "404": { "description": "Not found", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } }
                }
              },
              "delete": { "operationId": "DeleteThing", "responses": { "204": { "description": "Gone" }, "405": { "description": "No", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } } } }
            },
            "/v1/things/{id}/report": {
              "get": { "operationId": "ThingReport", "responses": { "200": { "description": "OK", "content": { "text/csv": { "schema": { "type": "string" } } } } } }
            }
          },
          "components": {
            "schemas": {
              "Thing": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                  "id": { "type": "string" },
                  "name": { "type": "string" },
                  "note": { "type": ["null", "string"] },
                  "parts": { "type": "array", "items": { "$ref": "#/components/schemas/Thing" } }
                },
                "additionalProperties": false
              },
              "Problem": { "type": "object", "properties": { "status": { "type": ["null", "integer"] } } }
            }
          }
        }
        """;

    private static readonly ResponseContract Contract = ResponseContract.FromJson(Document);

    private static string? GetThing(int status, string? mediaType, string body) =>
        Contract.Check(HttpMethod.Get, "/v1/things/7", status, mediaType, Encoding.UTF8.GetBytes(body));

    [Test]
    public void AnAnswerThatKeepsTheContractPasses()
    {
        Assert.That(GetThing(200, "application/json", """{"id":"7","name":"a","note":null,"parts":[{"id":"8","name":"b"}]}"""), Is.Null);
        Assert.That(GetThing(404, "application/problem+json", """{"status":404,"traceId":"x"}"""), Is.Null);
        Assert.That(Contract.Check(HttpMethod.Delete, "/v1/things/7", 204, null, []), Is.Null);
        Assert.That(Contract.Check(HttpMethod.Get, "/v1/things/7/report", 200, "text/csv", "a,b\n"u8), Is.Null);
    }

    [Test]
    public void AnUndocumentedStatusFails() =>
        Assert.That(GetThing(409, "application/problem+json", """{"status":409}"""), Does.Contain("does not document status 409"));

    [Test]
    public void AContentTypeTheStatusDoesNotDocumentFails()
    {
        Assert.That(GetThing(200, "text/plain", "7"), Does.Contain("not text/plain"));
        Assert.That(GetThing(404, "application/json", """{"status":404}"""), Does.Contain("not application/json"));
        Assert.That(GetThing(200, null, ""), Does.Contain("no Content-Type"));
    }

    [Test]
    public void AMissingRequiredPropertyFails() =>
        Assert.That(GetThing(200, "application/json", """{"id":"7"}"""), Does.Contain("does not match its schema").And.Contain("name"));

    [Test]
    public void ANullWhereTheSchemaSaysNonNullFails() =>
        Assert.That(GetThing(200, "application/json", """{"id":"7","name":null}"""), Does.Contain("does not match its schema").And.Contain("/name"));

    [Test]
    public void AnExtraPropertyWhereAdditionalPropertiesIsFalseFails() =>
        Assert.That(GetThing(200, "application/json", """{"id":"7","name":"a","colour":"red"}"""), Does.Contain("does not match its schema").And.Contain("colour"));

    [Test]
    public void AMismatchInsideAReferencedSchemaFails() =>
        Assert.That(GetThing(200, "application/json", """{"id":"7","name":"a","parts":[{"id":8,"name":"b"}]}"""), Does.Contain("/parts/0/id"));

    [Test]
    public void ABodyWhereTheContractDocumentsNoneFails() =>
        Assert.That(Contract.Check(HttpMethod.Delete, "/v1/things/7", 204, "application/json", "{}"u8), Does.Contain("documents no body"));

    [Test]
    public void AMethodThePathDoesNotHaveMustBeRefusedWith405()
    {
        Assert.That(Contract.Check(HttpMethod.Put, "/v1/things/7", 405, "application/problem+json", """{"status":405}"""u8), Is.Null);
        Assert.That(Contract.Check(HttpMethod.Put, "/v1/things/7", 200, "application/json", "{}"u8), Does.Contain("rather than 405"));
    }

    [Test]
    public void PathsOutsideTheVersionedApiAreNotJudged()
    {
        Assert.That(ResponseContract.Covers("/v1/programs"), Is.True);
        Assert.That(ResponseContract.Covers("/health/ready"), Is.False);
        Assert.That(ResponseContract.Covers("/openapi/v1.yaml"), Is.False);
        Assert.That(ResponseContract.Covers("/referrals"), Is.False);
    }

    /// <summary>
    /// Issue 14, item 6: the server leaves a null out, and the committed contract once listed such
    /// fields as required, so the last page of every list (no <c>next</c>) broke it.
    /// </summary>
    [Test]
    public void TheCommittedContractAcceptsALastPageWithoutNext()
    {
        var lastPage = Encoding.UTF8.GetBytes("""{"items":[]}""");
        Assert.That(ResponseContract.Committed.Check(HttpMethod.Get, "/v1/organizations", 200, "application/json", lastPage), Is.Null);
        Assert.That(ResponseContract.Committed.Check(HttpMethod.Get, "/v1/organizations", 200, "application/json", """{"next":"x"}"""u8),
            Does.Contain("items"), "and still requires what is always there");
    }
}
