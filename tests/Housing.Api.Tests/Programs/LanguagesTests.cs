using Housing.Api.Programs;

namespace Housing.Api.Tests.Programs;

/// <summary>Languages as people say them, in English or Spanish, and as codes.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class LanguagesTests
{
    [TestCase("Spanish", "es")]
    [TestCase("spanish", "es")]
    [TestCase("español", "es")]
    [TestCase("Espanol", "es")]
    [TestCase(" Tagalog ", "tl")]
    [TestCase("Haitian Creole", "ht")]
    [TestCase("K'iche'", "quc")]
    [TestCase("ES", "es")]
    [TestCase("yue", "yue")]
    [TestCase("xyz", "xyz")]
    public void ANameOrACodeGivesTheCode(string text, string code) => Assert.That(Languages.Code(text), Is.EqualTo(code));

    [TestCase("Klingon")]
    [TestCase("e")]
    [TestCase("")]
    public void WhatIsNeitherGivesNoCode(string text) => Assert.That(Languages.Code(text), Is.Null);

    [Test]
    public void CodesAreShownByName() => Assert.Multiple(() =>
    {
        Assert.That(Languages.Names(["es", "en", "tl"]), Is.EqualTo("Spanish, English, Tagalog"));
        Assert.That(Languages.Name("xyz"), Is.EqualTo("xyz"), "a code not listed is still valid, shown as it is");
    });

    [Test]
    public void EveryListedLanguageHasAValidCodeAndNamesNoOtherLanguageHas() => Assert.Multiple(() =>
    {
        Assert.That(Languages.Known.Select(l => l.Code), Is.Unique);
        Assert.That(Languages.Known.Select(l => l.English.ToLowerInvariant()), Is.Unique);
        foreach (var l in Languages.Known)
        {
            Assert.That(EligibilityRules.IsLanguageCode(l.Code), l.Code);
            Assert.That(Languages.Code(l.English), Is.EqualTo(l.Code), l.English);
            Assert.That(Languages.Code(l.Spanish), Is.EqualTo(l.Code), l.Spanish);
        }
    });

    [Test]
    public void TheApiRefusesANameButSaysTheCodeForEachNameItKnows()
    {
        var message = Languages.NotCodes(["en", "Spanish", "español", "Klingon"]);

        Assert.That(message, Does.StartWith("Use ISO 639 language codes"));
        Assert.That(message, Does.Contain("Spanish: use es; español: use es."));
        Assert.That(message, Does.Not.Contain("Klingon"));
    }
}
