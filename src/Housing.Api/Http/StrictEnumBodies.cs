using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Housing.Api.Http;

/// <summary>
/// Refuses a JSON body whose enum values are not exactly one of the contract's snake_case names.
/// System.Text.Json's string enum converter reads leniently: any case, spaces around a name, and a
/// comma-separated list of names that it ORs together even for enums that are not flags, so
/// <c>"provider, agency"</c> became <c>provider_and_agency</c>. A converter of our own would fix the
/// reading, but the OpenAPI generator cannot describe a custom converter (its schema turns into
/// <c>{}</c>), so the body is checked here instead, before the endpoint binds it: read once into a
/// pooled buffer, walked with a forward-only reader that follows only the properties leading to an
/// enum (<see cref="EnumShape"/>), then handed to the binder from that buffer. A value that fails is
/// reported as the binder reports any other (400, malformed-request, the field named); a body that
/// is not JSON is left to the binder.
/// </summary>
public sealed class StrictEnumBodies(RequestDelegate next, IOptions<JsonOptions> json, IOptions<LimitsOptions> limits)
{
    private readonly ConcurrentDictionary<Type, EnumShape?> _shapes = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var type = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var options = json.Value.SerializerOptions;
        if (type is null || !context.Request.HasJsonContentType() || _shapes.GetOrAdd(type, t => EnumShape.Of(options.GetTypeInfo(t))) is not { } shape)
        {
            await next(context);
            return;
        }

        var (buffer, length) = await ReadBodyAsync(context.Request, limits.Value.MaxRequestBodyBytes, context.RequestAborted);
        try
        {
            if (FirstLoose(shape, buffer.AsSpan(0, length), options.MaxDepth) is { } loose)
            {
                throw new BadHttpRequestException("An enum value is not one of the contract's names.", StatusCodes.Status400BadRequest,
                    new JsonException("The JSON value could not be converted.", loose, null, null));
            }
            context.Request.Body = new MemoryStream(buffer, 0, length, writable: false);
            await next(context);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? FirstLoose(EnumShape shape, ReadOnlySpan<byte> body, int maxDepth)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth });
            return reader.Read() ? shape.FirstLoose(ref reader) : null;
        }
        catch (JsonException)
        {
            return null; // Not JSON: the binder says so, and where.
        }
    }

    /// <summary>The whole body into a pooled buffer; the limit itself is enforced by <see cref="RequestBodyLimit"/> as the body is read.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request, long max, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 4096, 256, Math.Min(max, int.MaxValue - 1) + 1));
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            {
                length += read;
                if (length < buffer.Length) continue;
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
