using System.Globalization;
using Housing.Api.Localization;
using Housing.Api.Programs;

namespace Housing.Api.Tests.Localization;

/// <summary>Every code a person may read has words, so no page or reason falls back to <c>adults_only</c>.</summary>
public sealed class TermsTests
{
    public static IEnumerable<TestCaseData> Members() =>
        Terms.Worded.SelectMany(type => Enum.GetNames(type).Select(member => new TestCaseData(type, member).SetArgDisplayNames($"{type.Name}.{member}")));

    [TestCaseSource(nameof(Members))]
    public void EveryWordedCodeHasWords(Type type, string member) =>
        Assert.That(TermText.ResourceManager.GetString($"{type.Name}_{member}", CultureInfo.InvariantCulture), Is.Not.Null.And.Not.Empty,
            $"add {type.Name}_{member} to Localization/TermText.resx and TermText.es.resx");

    [Test]
    public void WordsFollowTheLanguageOfTheRequest()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Language.Spanish);
            Assert.That(Terms.Of(HouseholdType.AdultsWithChildren), Is.EqualTo("familias con niños"));
            Assert.That(Terms.Listed([Terms.People(Gender.Woman), Terms.People(Gender.NonBinary)]), Is.EqualTo("mujeres y personas no binarias"));
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            Assert.That(Terms.Of(HouseholdType.AdultsWithChildren), Is.EqualTo("families with children"));
            Assert.That(Terms.Kind(ProgramKind.RapidRehousing), Is.EqualTo("Rapid re-housing"));
            Assert.That(Terms.Listed(["women", "men", "non-binary people"]), Is.EqualTo("women, men and non-binary people"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
