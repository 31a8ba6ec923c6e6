
namespace Housing.Api.Programs;

/// <summary>
/// Languages by name, in English and Spanish, for people who say "Spanish" rather than "es".
/// The API stores and takes ISO 639 codes; what people read and type goes through here. A code
/// not listed is still valid, and shown as it is.
/// </summary>
public static class Languages
{
    public sealed record Language(string Code, string English, string Spanish);

    /// <summary>The languages most asked for in the places the service is run, English and Spanish first; then by English name.</summary>
    public static readonly IReadOnlyList<Language> Known =
    [
        new("en", "English", "inglés"),
        new("es", "Spanish", "español"),
        new("am", "Amharic", "amárico"),
        new("ar", "Arabic", "árabe"),
        new("hy", "Armenian", "armenio"),
        new("ase", "American Sign Language", "lengua de señas americana"),
        new("bn", "Bengali", "bengalí"),
        new("my", "Burmese", "birmano"),
        new("yue", "Cantonese", "cantonés"),
        new("zh", "Chinese", "chino"),
        new("fr", "French", "francés"),
        new("de", "German", "alemán"),
        new("gu", "Gujarati", "guyaratí"),
        new("ht", "Haitian Creole", "criollo haitiano"),
        new("he", "Hebrew", "hebreo"),
        new("hi", "Hindi", "hindi"),
        new("hmn", "Hmong", "hmong"),
        new("ilo", "Ilocano", "ilocano"),
        new("id", "Indonesian", "indonesio"),
        new("it", "Italian", "italiano"),
        new("ja", "Japanese", "japonés"),
        new("quc", "K'iche'", "quiché"),
        new("km", "Khmer", "jemer"),
        new("ko", "Korean", "coreano"),
        new("lo", "Lao", "lao"),
        new("mam", "Mam", "mam"),
        new("cmn", "Mandarin", "mandarín"),
        new("mix", "Mixtec", "mixteco"),
        new("nah", "Nahuatl", "náhuatl"),
        new("ne", "Nepali", "nepalí"),
        new("fa", "Persian (Farsi)", "persa (farsi)"),
        new("pl", "Polish", "polaco"),
        new("pt", "Portuguese", "portugués"),
        new("pa", "Punjabi", "panyabí"),
        new("kjb", "Q'anjob'al", "q'anjob'al"),
        new("ru", "Russian", "ruso"),
        new("sm", "Samoan", "samoano"),
        new("so", "Somali", "somalí"),
        new("sw", "Swahili", "suajili"),
        new("tl", "Tagalog", "tagalo"),
        new("th", "Thai", "tailandés"),
        new("ti", "Tigrinya", "tigriña"),
        new("to", "Tongan", "tongano"),
        new("tr", "Turkish", "turco"),
        new("uk", "Ukrainian", "ucraniano"),
        new("ur", "Urdu", "urdu"),
        new("vi", "Vietnamese", "vietnamita"),
        new("zap", "Zapotec", "zapoteco"),
    ];

    private static readonly Dictionary<string, Language> ByCode = Known.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, Language> ByName = Known
        .SelectMany(l => new[] { (l.English, l), (l.Spanish, l), (Plain(l.English), l), (Plain(l.Spanish), l) })
        .DistinctBy(p => p.Item1, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(p => p.Item1, p => p.l, StringComparer.OrdinalIgnoreCase);

    /// <summary>A code's name in the request's language ("es" → "Spanish", or "español"), or the code itself when it is not listed.</summary>
    public static string Name(string code) => !ByCode.TryGetValue(code, out var l) ? code
        : Localization.Language.Current == Localization.Language.Spanish ? l.Spanish : l.English;

    public static string Names(IEnumerable<string> codes)
    {
        if (codes is not IReadOnlyList<string> list) return string.Join(", ", codes.Select(Name));
        if (list.Count == 1) return Name(list[0]);
        var names = new string[list.Count];
        for (var i = 0; i < names.Length; i++) names[i] = Name(list[i]);
        return string.Join(", ", names);
    }

    /// <summary>
    /// The code for what a person typed: a listed language's name in English or Spanish, with or
    /// without accents ("Spanish", "español", "espanol"), or a code; null when it is neither.
    /// </summary>
    public static string? Code(string text)
    {
        var t = text.Trim();
        if (ByName.TryGetValue(t, out var named) || ByName.TryGetValue(Plain(t), out named)) return named.Code;
        return EligibilityRules.IsLanguageCode(t) ? t.ToLowerInvariant() : null;
    }

    /// <summary>
    /// Why these languages were refused, for the API: each one given as a name the service knows
    /// is answered with its code ("Spanish: use es"), so a client can fix the request at once.
    /// </summary>
    public static string NotCodes(IEnumerable<string?> given)
    {
        var named = given.Where(g => g is not null && !EligibilityRules.IsLanguageCode(g))
            .Select(g => (Given: g!, Code: Code(g!)))
            .Where(x => x.Code is not null)
            .Select(x => Say.Format(ProblemText.Problem_Language_UseCode, x.Given, x.Code))
            .Distinct().ToList();
        var rule = ProblemText.Problem_Language_Codes;
        return named.Count == 0 ? rule : $"{rule} {string.Join("; ", named)}.";
    }

    /// <summary>Without Spanish accents, so that "espanol" finds "español" (the service runs without ICU, so no Unicode normalisation).</summary>
    private static string Plain(string text) => new(text.Select(c => c switch
    {
        'á' => 'a',
        'é' => 'e',
        'í' => 'i',
        'ó' => 'o',
        'ú' or 'ü' => 'u',
        'ñ' => 'n',
        'Á' => 'A',
        'É' => 'E',
        'Í' => 'I',
        'Ó' => 'O',
        'Ú' or 'Ü' => 'U',
        'Ñ' => 'N',
        _ => c,
    }).ToArray());
}
