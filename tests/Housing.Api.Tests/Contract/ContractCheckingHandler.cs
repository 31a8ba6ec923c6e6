namespace Housing.Api.Tests.Contract;

/// <summary>
/// Sits in every client the tests make and holds each /v1 answer to openapi.yaml. A mismatch
/// fails the test that got the answer, with what the contract says and what came: through
/// <see cref="Assert.Fail(string)"/>, which records the failure on the test even when the test
/// catches exceptions (the fuzzer does, to go on).
/// </summary>
public sealed class ContractCheckingHandler(ResponseContract contract) : DelegatingHandler
{
    public ContractCheckingHandler() : this(ResponseContract.Committed) { }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri is not { } uri || !ResponseContract.Covers(uri.AbsolutePath)) return response;

        // Buffered, so that the test reads the same body after this handler has.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var failure = contract.Check(request.Method, uri.AbsolutePath, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        if (failure is not null) Assert.Fail($"The answer to {request.Method} {uri.PathAndQuery} breaks openapi.yaml: {failure}");
        return response;
    }
}
