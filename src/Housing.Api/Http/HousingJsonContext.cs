using System.Text.Json;
using System.Text.Json.Serialization;
using Housing.Api.Matching;

namespace Housing.Api.Http;

/// <summary>
/// Source-generated writers for the largest answer, a search's (about 24 KB with 20 matches):
/// the reflection-based serializer spent more time on it than the search itself. Writing only,
/// so only <see cref="HousingJson"/>'s writing rules apply (camelCase, nulls left out); requests
/// are still read with the app's strict options. Its enum converter is not in these options,
/// because the generated code refuses to run with any: the enums of an answer carry
/// <see cref="SnakeCaseEnumConverter{TEnum}"/> instead. MatchOutcomeJsonTests keeps the bytes
/// equal to what the app's options write.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    GenerationMode = JsonSourceGenerationMode.Serialization,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MatchOutcome))]
public sealed partial class HousingJsonContext : JsonSerializerContext;
