using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using Housing.Api.Errors;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Housing.Api.OpenApi;

/// <summary>
/// Publishes the shape rules that <see cref="RequestShape"/> checks and the generator does not
/// already map. The generator turns <see cref="RangeAttribute"/>, <see cref="StringLengthAttribute"/>,
/// <see cref="MinLengthAttribute"/>, <see cref="MaxLengthAttribute"/> and <see cref="RegularExpressionAttribute"/>
/// into minimum/maximum, minLength/maxLength, minItems/maxItems and pattern itself, but ignores
/// <see cref="RequiredAttribute"/>: a request field is nullable in C# (so every missing field is named
/// in one answer), which the generator reads as optional and null allowed. Here a field with
/// <see cref="RequiredAttribute"/> becomes required and not null, text that must not be empty gets
/// minLength 1, and <see cref="UniqueItemsAttribute"/> becomes uniqueItems.
/// </summary>
public static class ShapeSchema
{
    /// <summary>The generator's mark on a nullable property, which it later writes as oneOf null or the reference.</summary>
    private const string NullableProperty = "x-is-nullable-property";

    public static Task Transform(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken _)
    {
        // The generator writes minLength 0 for a length with no least; it says nothing, so it goes.
        if (schema.MinLength == 0) schema.MinLength = null;
        // A record that is a property's value is both: the property's node and the record's.
        if (context.JsonPropertyInfo is { } property) Property(schema, property);
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var p in context.JsonTypeInfo.Properties)
            {
                if (Attribute<RequiredAttribute>(p) is null) continue;
                schema.Required ??= new HashSet<string>();
                schema.Required.Add(p.Name);
            }
        }
        return Task.CompletedTask;
    }

    private static void Property(OpenApiSchema schema, JsonPropertyInfo property)
    {
        if (Attribute<RequiredAttribute>(property) is { } required)
        {
            if (schema.Type is { } type) schema.Type = type & ~JsonSchemaType.Null;
            schema.Metadata?.Remove(NullableProperty);
            if (property.PropertyType == typeof(string) && !required.AllowEmptyStrings && (schema.MinLength ?? 0) < 1) schema.MinLength = 1;
        }
        if (Attribute<UniqueItemsAttribute>(property) is not null) schema.UniqueItems = true;
    }

    private static T? Attribute<T>(JsonPropertyInfo property) where T : Attribute =>
        property.AttributeProvider?.GetCustomAttributes(typeof(T), inherit: true).OfType<T>().FirstOrDefault();
}
