using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Housing.Api.Http;

/// <summary>
/// Where a request type's enums are, worked out once from the same JSON metadata the binder uses:
/// an enum's names (as UTF-8), an object's properties that lead to an enum, an array's items that
/// do. Null for a type with no enum anywhere inside it, which is then never read twice.
/// </summary>
internal sealed class EnumShape
{
    private const int MaxDepth = 32;

    private EnumShape(byte[][]? names, (byte[] Utf8, string Name, EnumShape Shape)[]? properties, EnumShape? items) =>
        (Names, Properties, Items) = (names, properties, items);

    /// <summary>This value is an enum: exactly one of these names.</summary>
    public byte[][]? Names { get; }

    /// <summary>This value is an object: the properties worth following.</summary>
    public (byte[] Utf8, string Name, EnumShape Shape)[]? Properties { get; }

    /// <summary>This value is an array: its items are worth following.</summary>
    public EnumShape? Items { get; }

    public static EnumShape? Of(JsonTypeInfo info) => Of(info, 0);

    private static EnumShape? Of(JsonTypeInfo info, int depth)
    {
        if (depth > MaxDepth) return null;
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).Distinct().Select(Encoding.UTF8.GetBytes).ToArray();
            return new EnumShape(names, null, null);
        }
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                var properties = info.Properties
                    .Select(p => (Utf8: Encoding.UTF8.GetBytes(p.Name), p.Name, Shape: Of(info.Options.GetTypeInfo(p.PropertyType), depth + 1)))
                    .Where(p => p.Shape is not null)
                    .Select(p => (p.Utf8, p.Name, p.Shape!))
                    .ToArray();
                return properties.Length > 0 ? new EnumShape(null, properties, null) : null;
            case JsonTypeInfoKind.Enumerable when info.ElementType is { } element:
                return Of(info.Options.GetTypeInfo(element), depth + 1) is { } items ? new EnumShape(null, null, items) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Reads one value (the reader on its first token) and says where the first enum value that
    /// is not exactly one of its names is, as a JSON path, or null. Anything else wrong with the
    /// body (a wrong type, a missing field) is the binder's to report; a value that is not JSON
    /// throws <see cref="JsonException"/>. Compares the raw text with each name and never decodes
    /// it: a string of invalid UTF-8 is simply not a name.
    /// </summary>
    public string? FirstLoose(ref Utf8JsonReader reader)
    {
        Stack<string>? path = null; // made only on the way back from a value that fails
        return FirstLoose(ref reader, ref path) ? "$" + string.Concat(path ?? []) : null;
    }

    private bool FirstLoose(ref Utf8JsonReader reader, ref Stack<string>? path)
    {
        if (Names is not null)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip(); // Not a string at all: the binder's to report.
                return false;
            }
            return !IsName(ref reader, Names);
        }
        if (Properties is not null && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var followed = Follow(ref reader);
                reader.Read();
                if (followed is null)
                {
                    reader.Skip();
                }
                else if (followed.Value.Shape.FirstLoose(ref reader, ref path))
                {
                    (path ??= new()).Push("." + followed.Value.Name);
                    return true;
                }
            }
            return false;
        }
        if (Items is not null && reader.TokenType == JsonTokenType.StartArray)
        {
            for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
            {
                if (Items.FirstLoose(ref reader, ref path))
                {
                    (path ??= new()).Push($"[{i}]");
                    return true;
                }
            }
            return false;
        }
        reader.Skip();
        return false;
    }

    /// <summary>
    /// One with escapes is unescaped to compare, and that throws on an escaped surrogate without
    /// its pair (<c>"\udc00"</c>): valid JSON, but no text, so not a name either.
    /// </summary>
    private static bool IsName(ref Utf8JsonReader reader, byte[][] names)
    {
        try
        {
            foreach (var name in names)
            {
                if (reader.ValueTextEquals(name)) return true;
            }
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The property to follow, if any; a name that is no text (see <see cref="IsName"/>) is none of ours.</summary>
    private (byte[] Utf8, string Name, EnumShape Shape)? Follow(ref Utf8JsonReader reader)
    {
        try
        {
            foreach (var property in Properties!)
            {
                if (reader.ValueTextEquals(property.Utf8)) return property;
            }
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
