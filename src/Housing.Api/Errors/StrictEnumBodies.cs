using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Housing.Api.Errors;

/// <summary>
/// Refuses a JSON body whose enum values are not exactly one of the contract's snake_case names.
/// System.Text.Json's string enum converter reads leniently: any case, spaces around a name, and a
/// comma-separated list of names that it ORs together even for enums that are not flags, so
/// <c>"provider, agency"</c> became <c>provider_and_agency</c>. A converter of our own would fix the
/// reading, but the OpenAPI generator cannot describe a custom converter (its schema turns into
/// <c>{}</c>), so the body is checked here instead, against the same type metadata the binder uses,
/// before the endpoint binds it. A value that fails is reported as the binder reports any other
/// (400, malformed-request, the field named); a body that is not JSON is left to the binder.
/// </summary>
public sealed class StrictEnumBodies(RequestDelegate next, IOptions<JsonOptions> json, IOptions<LimitsOptions> limits)
{
    private readonly ConcurrentDictionary<Type, bool> _hasEnums = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var type = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var options = json.Value.SerializerOptions;
        if (type is null || !context.Request.HasJsonContentType() || !_hasEnums.GetOrAdd(type, t => HasEnums(options.GetTypeInfo(t), 0)))
        {
            await next(context);
            return;
        }

        var max = limits.Value.MaxRequestBodyBytes;
        context.Request.EnableBuffering(bufferThreshold: (int)Math.Min(max + 1, int.MaxValue), bufferLimit: max);
        string? loose = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, new JsonDocumentOptions { MaxDepth = options.MaxDepth },
                context.RequestAborted);
            loose = FirstLoose(document.RootElement, options.GetTypeInfo(type), "$", 0);
        }
        catch (JsonException)
        {
            // Not JSON: the binder says so, and where.
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
        if (loose is not null)
        {
            throw new BadHttpRequestException("An enum value is not one of the contract's names.", StatusCodes.Status400BadRequest,
                new JsonException("The JSON value could not be converted.", loose, null, null));
        }
        await next(context);
    }

    /// <summary>The JSON path of the first enum value that is not exactly one of its names, or null.</summary>
    private static string? FirstLoose(JsonElement element, JsonTypeInfo info, string path, int depth)
    {
        if (depth > 32) return null;
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type.IsEnum)
            return element.ValueKind == JsonValueKind.String && !IsName(type, element) ? path : null;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var declared = info.Properties.FirstOrDefault(p => p.Name == property.Name);
                    if (declared is not null
                        && FirstLoose(property.Value, info.Options.GetTypeInfo(declared.PropertyType), $"{path}.{property.Name}", depth + 1) is { } found)
                        return found;
                }
                return null;
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array && info.ElementType is { } itemType:
                var items = info.Options.GetTypeInfo(itemType);
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstLoose(item, items, $"{path}[{i++}]", depth + 1) is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }

    private static bool HasEnums(JsonTypeInfo info, int depth)
    {
        if (depth > 32) return false;
        if ((Nullable.GetUnderlyingType(info.Type) ?? info.Type).IsEnum) return true;
        return info.Kind switch
        {
            JsonTypeInfoKind.Object => info.Properties.Any(p => HasEnums(info.Options.GetTypeInfo(p.PropertyType), depth + 1)),
            JsonTypeInfoKind.Enumerable => info.ElementType is { } e && HasEnums(info.Options.GetTypeInfo(e), depth + 1),
            _ => false,
        };
    }

    private static readonly ConcurrentDictionary<Type, string[]> Names = new();

    /// <summary>
    /// Compares the raw text with each name, never decoding it: a string of invalid UTF-8 is
    /// simply not a name (decoding it would throw, and answer 500). One with escapes is unescaped
    /// to compare, and that throws on an escaped surrogate without its pair (<c>"\udc00"</c>):
    /// valid JSON, but no text, so not a name either.
    /// </summary>
    private static bool IsName(Type enumType, JsonElement text)
    {
        var names = Names.GetOrAdd(enumType, t => Enum.GetNames(t).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).Distinct().ToArray());
        try
        {
            return names.Any(text.ValueEquals);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
