using Housing.Api.Programs;
using Housing.Api.Web;

namespace Housing.Api.Tests.Web;

/// <summary>Every rule a program may inherit has words for its value, whether the organisation set it or not.</summary>
public sealed class EligibilityWordsTests
{
    private static readonly EligibilityProfile Everything = new()
    {
        GendersServed = [Gender.Woman, Gender.NonBinary],
        MinAdultAge = 21,
        MaxAdultAge = 24,
        MaxChildAge = 12,
        MaxBoyAge = 10,
        MaxHouseholdSize = 5,
        Pregnancy = PregnancyPolicy.Required,
        TraffickingTypesServed = [TraffickingType.Labor],
        HomelessCategories = [4, 1],
        PetsAllowed = true,
        WheelchairAccessible = true,
        Languages = ["es", "ko"],
        SobrietyRequired = true,
        IdRequired = true,
        ImmigrationDocumentsRequired = true,
        CriminalRecord = CriminalRecordPolicy.Restrictive,
        ReferralOnly = true,
        Curfew = "21:30",
    };

    [TestCaseSource(typeof(EligibilityInheritance), nameof(EligibilityInheritance.Rules))]
    public void EachRuleIsWordedSetOrNot(string rule)
    {
        var unset = EligibilityWords.Of(rule, new EligibilityProfile());
        var set = EligibilityWords.Of(rule, Everything);
        Assert.That(unset, Is.Not.Empty);
        Assert.That(set, Is.Not.Empty.And.Not.EqualTo(unset), "a set rule reads differently from an unset one");
    }

    [Test]
    public void ValuesReadAsAPersonWouldSayThem()
    {
        Assert.That(EligibilityWords.Of("gendersServed", Everything), Is.EqualTo("women and non-binary people"));
        Assert.That(EligibilityWords.Of("homelessCategories", Everything), Is.EqualTo("1 and 4"));
        Assert.That(EligibilityWords.Of("languages", Everything), Is.EqualTo("Spanish, Korean"));
        Assert.That(EligibilityWords.Of("curfew", Everything), Is.EqualTo("21:30"));
        Assert.That(EligibilityWords.Of("maxBoyAge", new EligibilityProfile()), Is.EqualTo("no limit"));
        Assert.Throws<ArgumentOutOfRangeException>(() => EligibilityWords.Of("favouriteColour", Everything));
    }
}
