using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Housing.Api.Localization;

namespace Housing.Api.Tests.Localization;

/// <summary>
/// Every text people read exists in English and in Spanish, with the same holes to fill: a text
/// added in one language only, left empty, or copied across untranslated fails here, whichever
/// resource file it is in.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo(Language.Spanish);

    /// <summary>Texts that are the same word in both languages, or name a language in its own words.</summary>
    private static readonly HashSet<string> SameInBoth = new(StringComparer.Ordinal);

    /// <summary>Every resource class the service's text lives in, found rather than listed, so a new one is checked too.</summary>
    public static IEnumerable<Type> ResourceClasses() =>
        typeof(Language).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(Language).Namespace)
            .Where(t => t.GetProperty("ResourceManager", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic) is not null)
            .OrderBy(t => t.Name);

    private static Dictionary<string, string> Texts(Type resources, CultureInfo culture)
    {
        var manager = (ResourceManager)resources.GetProperty("ResourceManager", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(null)!;
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new AssertionException($"{resources.Name} has no {(culture.Name.Length == 0 ? "English" : culture.Name)} resource file.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    [Test]
    public void TheServiceHasItsTextInResourceFiles() =>
        Assert.That(ResourceClasses().Select(t => t.Name), Is.SupersetOf(new[] { "ConsoleText", "ProblemText", "ReasonText", "ReportText" }));

    [TestCaseSource(nameof(ResourceClasses))]
    public void EveryTextIsInBothLanguagesWithTheSameHoles(Type resources) =>
        Assert.That(Problems(resources.Name, Texts(resources, CultureInfo.InvariantCulture), Texts(resources, Spanish)), Is.Empty);

    /// <summary>
    /// Each text class reads through the lock-free cache, and the cache gives every text as the
    /// resource file has it, in each language, whichever language asked first.
    /// </summary>
    [TestCaseSource(nameof(ResourceClasses))]
    public void EveryTextIsReadThroughTheCacheAsTheFileHasIt(Type resources)
    {
        var manager = (ResourceManager)resources.GetProperty("ResourceManager", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(null)!;
        Assert.That(manager, Is.InstanceOf<CachedResourceManager>(), $"{resources.Name} reads its texts through the cache");
        Assert.That(TextCache.TextClasses, Does.Contain(resources));
        foreach (var culture in new[] { Spanish, CultureInfo.InvariantCulture, Spanish })
        {
            foreach (var (key, text) in Texts(resources, culture))
                Assert.That(manager.GetString(key, culture), Is.EqualTo(text), $"{resources.Name}.{key} in {culture.Name}");
        }
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Spanish;
            var (key, spanish) = Texts(resources, Spanish).First();
            Assert.That(manager.GetString(key), Is.EqualTo(spanish), "without a culture: the request's");
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Test]
    public void TheCheckFindsEachWayATextCanGoWrong()
    {
        var english = new Dictionary<string, string>
        {
            ["Fine"] = "{0} open beds",
            ["OnlyEnglish"] = "Saved.",
            ["Empty"] = "Cancel the referral",
            ["Holes"] = "{0} of {1} beds",
            ["Copied"] = "Find a bed",
            ["Word"] = "Total",
        };
        var spanish = new Dictionary<string, string>
        {
            ["Fine"] = "{0} camas libres",
            ["OnlySpanish"] = "Guardado.",
            ["Empty"] = " ",
            ["Holes"] = "{0} camas",
            ["Copied"] = "Find a bed",
            ["Word"] = "Total",
        };

        var problems = Problems("Sample", english, spanish);

        Assert.That(problems, Has.Count.EqualTo(5));
        Assert.That(problems, Has.Some.Contains("OnlyEnglish").And.Some.Contains("OnlySpanish")
            .And.Some.Contains("Sample.Empty in Spanish").And.Some.Contains("Sample.Holes").And.Some.Contains("Sample.Copied is not translated"));
    }

    private static List<string> Problems(string name, Dictionary<string, string> english, Dictionary<string, string> spanish)
    {
        var problems = new List<string>();
        problems.AddRange(english.Keys.Except(spanish.Keys).Select(k => $"{name}.{k} is in {name}.resx but not {name}.es.resx"));
        problems.AddRange(spanish.Keys.Except(english.Keys).Select(k => $"{name}.{k} is in {name}.es.resx but not {name}.resx"));
        foreach (var (key, en) in english)
        {
            if (!spanish.TryGetValue(key, out var es)) continue;
            if (string.IsNullOrWhiteSpace(en)) problems.Add($"{name}.{key} in English is empty");
            if (string.IsNullOrWhiteSpace(es)) problems.Add($"{name}.{key} in Spanish is empty");
            else if (!Holes(es).SequenceEqual(Holes(en))) problems.Add($"{name}.{key}: the Spanish fills other holes than the English: \"{en}\" / \"{es}\"");
            else if (es == en && en.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 1 && !SameInBoth.Contains($"{name}.{key}"))
                problems.Add($"{name}.{key} is not translated: \"{en}\"");
        }
        return problems;
    }

    /// <summary>The numbered holes a text fills, with their formats, in order.</summary>
    private static string[] Holes(string text) => [.. Hole().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Hole();
}
