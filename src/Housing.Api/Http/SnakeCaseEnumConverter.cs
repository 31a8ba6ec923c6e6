using System.Text.Json;
using System.Text.Json.Serialization;

namespace Housing.Api.Http;

/// <summary>
/// <see cref="HousingJson"/>'s enum rule (snake_case names, never numbers) fixed on an enum
/// type, for <see cref="HousingJsonContext"/>: its generated fast path only runs when the
/// options carry no converters. <see cref="HousingJson.Options"/> and the app's options still
/// use their own converter, which takes precedence over this attribute, to the same effect.
/// </summary>
public sealed class SnakeCaseEnumConverter<TEnum>()
    : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
