using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Housing.Api.OpenApi;

/// <summary>
/// The serializer leaves a null out (<see cref="JsonIgnoreCondition.WhenWritingNull"/>), so a
/// property that may be null is absent, not null, on the wire. The generator lists every
/// constructor parameter as required, which a client that validates answers reads as "always
/// present" and then fails on the last page's <c>next</c>, a confidential program's address, an
/// undecided step's <c>decidedAt</c>. Whether a property may be null is the nullable annotation
/// that the serializer itself enforces (RespectNullableAnnotations), so the same annotation
/// decides here: nullable means optional, everything else stays required.
/// </summary>
public static class OmittedNulls
{
    public static Task Transform(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken _)
    {
        var type = context.JsonTypeInfo;
        if (type.Kind == JsonTypeInfoKind.Object && schema.Required is { Count: > 0 } required)
        {
            foreach (var property in type.Properties)
                if (MayBeOmitted(property, type.Options)) required.Remove(property.Name);
        }
        return Task.CompletedTask;
    }

    public static bool MayBeOmitted(JsonPropertyInfo property, JsonSerializerOptions options) => options.DefaultIgnoreCondition switch
    {
        JsonIgnoreCondition.WhenWritingNull => property.IsGetNullable
            && (!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null),
        // Then a zero or false is left out too: nothing is sure to be there.
        JsonIgnoreCondition.WhenWritingDefault => true,
        _ => false,
    };
}
