using System.Text;
using System.Text.Json;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Matching;

namespace Housing.Api.Tests.Http;

/// <summary>Finding a loose enum value in a request body in one forward pass, following only the fields that lead to an enum.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class EnumShapeTests
{
    private static readonly EnumShape Search = EnumShape.Of(HousingJson.Options.GetTypeInfo(typeof(MatchRequest)))!;

    private static string? FirstLoose(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return Search.FirstLoose(ref reader);
    }

    [Test]
    public void ExactNamesEverywherePass() =>
        Assert.That(FirstLoose("""
            {"household":{"members":[{"role":"adult","age":29,"genders":["woman"]},{"role":"child","age":1,"genders":["man"]}],
             "trafficking":"sex","languages":["es"]},"wants":{"kinds":["emergency","rapid_rehousing"]},"limit":5}
            """), Is.Null);

    [Test]
    public void ALooseNameIsNamedByItsPathThroughObjectsAndArrays() =>
        Assert.That(FirstLoose("""
            {"household":{"members":[{"role":"adult","genders":["woman"]},{"role":"child","genders":["woman","Man"]}]}}
            """), Is.EqualTo("$.household.members[1].genders[1]"));

    [Test]
    public void AValueOfTheWrongKindIsLeftToTheBinderAndTheRestIsStillChecked() =>
        Assert.That(FirstLoose("""
            {"household":{"members":[{"role":{"adult":["child"]},"genders":["woman, man"]}]}}
            """), Is.EqualTo("$.household.members[0].genders[0]"));

    [Test]
    public void FieldsThatLeadToNoEnumAreSkippedWhateverTheyHold() =>
        Assert.That(FirstLoose("""
            {"household":{"languages":[["Adult"],{"role":"Child"}],"members":[{"role":"adult"}]},"limit":{"kinds":["Emergency"]}}
            """), Is.Null);

    [Test]
    public void AnEscapedNameIsTheSameName() =>
        Assert.That(FirstLoose("""{"household":{"members":[{"role":"adu\u006Ct"}]}}"""), Is.Null);

    [Test]
    public void AFieldNameInAnotherCaseIsNotFollowed() =>
        Assert.That(FirstLoose("""{"Household":{"members":[{"role":"Adult"}]}}"""), Is.Null, "the binder refuses it as an unknown field");

    [TestCase("""{"household":{"members":[{"role":"\udc00"}]}}""", "$.household.members[0].role", TestName = "{m}(as a value, which is then no name)")]
    [TestCase("""{"household":{"\ud800x":[{"role":"Adult"}],"members":[{"role":"adult"}]}}""", null, TestName = "{m}(as a field name, which is then none of ours)")]
    public void AnEscapedSurrogateWithoutItsPairIsNoTextAndNoError(string json, string? loose) =>
        Assert.That(FirstLoose(json), Is.EqualTo(loose));

    [Test]
    public void ATypeWithoutEnumsHasNoShapeAndIsNeverReadTwice() =>
        Assert.That(EnumShape.Of(HousingJson.Options.GetTypeInfo(typeof(GeoPointLike))), Is.Null);

    private sealed record GeoPointLike(double Latitude, double Longitude, string[] Notes);
}
