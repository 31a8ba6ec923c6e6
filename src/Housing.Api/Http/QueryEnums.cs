using Housing.Api.Errors;
namespace Housing.Api.Http;

/// <summary>Query strings carry enums as the same snake_case text as JSON bodies.</summary>
public static class QueryEnums
{
    public static TEnum? Parse<TEnum>(Validation v, string field, string? text) where TEnum : struct, Enum
    {
        if (text is null) return null;
        if (HousingJson.TryParse<TEnum>(text, out var value)) return value;
        v.Add(field, Say.Format(ProblemText.Problem_OneOf, HousingJson.Allowed<TEnum>()));
        return null;
    }
}
