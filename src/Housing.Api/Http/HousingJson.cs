using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Housing.Api.Http;

/// <summary>
/// One set of JSON rules for requests, responses and stored documents. Strict on
/// purpose: an unknown field, a duplicate key, a number sent as text or an enum sent
/// as a number is a client mistake we report, not something we guess at.
/// </summary>
public static class HousingJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // The web defaults match names in any case: "NAME" is not a field of ours, and is refused like any unknown field.
        options.PropertyNameCaseInsensitive = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.RespectNullableAnnotations = true;
        options.MaxDepth = 32;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored {typeof(T).Name} was null.");

    /// <summary>The snake_case text of an enum value, as clients send and see it.</summary>
    public static string Text<TEnum>(TEnum value) where TEnum : struct, Enum =>
        EnumTexts<TEnum>.ByValue.TryGetValue(value, out var text) ? text : Convert(value);

    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        if (text is not null && EnumTexts<TEnum>.ByText.TryGetValue(text, out value)) return true;
        value = default;
        return false;
    }

    private static string Convert<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>
    /// Each enum's texts, computed once: they are read on every request (the caller's role,
    /// a search's reasons and its record), and converting a name allocates.
    /// </summary>
    private static class EnumTexts<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, v => Convert(v));

        public static readonly FrozenDictionary<string, TEnum> ByText =
            ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }

    public static string Allowed<TEnum>() where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues<TEnum>().Select(v => Text(v)));
}
