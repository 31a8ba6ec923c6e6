using Housing.Api.Errors;
using Housing.Api.Matching;
using Housing.Api.Organizations;
using Housing.Api.Programs;

namespace Housing.Api.Tests.Errors;

/// <summary>
/// The one validator of request shapes: it reads the records' attributes and walks nested
/// records and the items of lists, keying each error by the JSON path the client sent.
/// </summary>
public sealed class RequestShapeTests
{
    private static IDictionary<string, string[]> Errors(object request)
    {
        var v = new Validation();
        RequestShape.Check(request, v);
        return v.Errors;
    }

    [Test]
    public void AnErrorInANestedListsItemIsKeyedByItsJsonPath()
    {
        var request = new MatchRequest(
            new HouseholdRequest([new MemberRequest(MemberRole.Adult, 30), new MemberRequest(MemberRole.Child, 130), new MemberRequest(Age: 4)]),
            Safety: new SafetyRequest(UnsafePlaces: [new UnsafePlaceRequest(91, -118, 0)]),
            Limit: 0);

        Assert.That(Errors(request), Is.EquivalentTo(new Dictionary<string, string[]>
        {
            ["household.members[1].age"] = ["Must be between 0 and 120."],
            ["household.members[2].role"] = ["Required."],
            ["safety.unsafePlaces[0].latitude"] = ["Must be between -90 and 90."],
            ["safety.unsafePlaces[0].radiusKm"] = ["Must be more than 0 and at most 500 km."],
            ["limit"] = ["Must be between 1 and 200."],
        }));
    }

    [Test]
    public void AMissingItemOfAListIsNamedByItsIndex()
    {
        var request = new MatchRequest(new HouseholdRequest([new MemberRequest(MemberRole.Adult, 30), null!]));

        Assert.That(Errors(request), Is.EquivalentTo(new Dictionary<string, string[]> { ["household.members[1]"] = ["Required."] }));
    }

    [Test]
    public void EveryMissingFieldIsNamedInOneAnswer()
    {
        var errors = Errors(new ProgramRequest(Name: "  ", Inventory: [new InventoryRequest(Beds: -1)]));

        Assert.That(errors.Keys, Is.EquivalentTo(new[]
        {
            "organizationId", "name", "kind", "region", "location", "intakeContact",
            "inventory[0].householdType", "inventory[0].beds", "inventory[0].startDate",
        }));
        Assert.That(errors["name"], Is.EqualTo(new[] { "Must not be empty." }));
    }

    [Test]
    public void ANestedRecordsRulesAreKeyedUnderItsField()
    {
        var errors = Errors(new ProgramRequest(Location: new GeoPoint(12, 200), Eligibility: new EligibilityProfile { Curfew = "25:00", MaxChildAge = 18 }));

        Assert.That(errors["location.longitude"], Is.EqualTo(new[] { "Must be between -180 and 180." }));
        Assert.That(errors["eligibility.curfew"], Is.EqualTo(new[] { "Use 24-hour \"HH:mm\", such as \"22:00\"." }));
        Assert.That(errors["eligibility.maxChildAge"], Is.EqualTo(new[] { "Must be between 0 and 17." }));
    }

    [Test]
    public void RepeatedEntriesAreRefusedWhereTheListSaysSo()
    {
        var errors = Errors(new MatchRequest(new HouseholdRequest([new MemberRequest(MemberRole.Adult, 30)], Languages: ["en", "en"])));

        Assert.That(errors, Is.EquivalentTo(new Dictionary<string, string[]> { ["household.languages"] = ["Entries must be unique."] }));
    }

    [Test]
    public void EmptyTextMustMatchItsPatternToo()
    {
        // RegularExpressionAttribute alone lets "" through; the contract's pattern refuses it, and so do we.
        var errors = Errors(new CreateOrganizationRequest("Hope House", OrganizationType.Provider, Region: "", Phone: ""));

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "region", "phone" }));
    }
}
