using Housing.Api.Programs;

namespace Housing.Api.Tests.Programs;

/// <summary>An update's audit names the fields it changed by their API names, never their values.</summary>
public sealed class ProgramChangesTests
{
    private static readonly ProgramDefinition Before = new(
        Guid.Parse("0193a000-0000-7000-8000-000000000001"), "Harbor House", ProgramKind.Emergency, 0, 90, "spa-4", new GeoPoint(34.06, -118.28),
        false, "1200 W 7th St, Los Angeles, CA 90017", new IntakeContact("+1 213 555 0100", null, "24/7"), false, [ProgramService.Counseling],
        [new InventoryItem(HouseholdType.AdultsOnly, 0, 20, 0, InventoryAvailability.YearRound, BedType.FacilityBased, new DateOnly(2026, 1, 1), null)],
        new EligibilityProfile { GendersServed = [Gender.Woman], Languages = ["en", "es"], MaxChildAge = 17 });

    private static IReadOnlyList<string> Changes(ProgramDefinition after) => ProgramChanges.Between(Before, after);

    [Test]
    public void TheSameDefinitionChangesNothing() =>
        Assert.That(Changes(Before with { Services = [ProgramService.Counseling] }), Is.Empty);

    [Test]
    public void TopLevelFieldsAreNamedAsTheApiNamesThem() =>
        Assert.That(Changes(Before with { Name = "Harbor House West", Kind = ProgramKind.Transitional, HudProjectType = 2, MaxStayDays = 730, HudFunded = true }),
            Is.EqualTo(new[] { "name", "kind", "hudProjectType", "maxStayDays", "hudFunded" }));

    [Test]
    public void AnAddressChangeSaysAddressAndNotTheAddress()
    {
        var changes = Changes(Before with { Address = "55 Hidden Ln, Pasadena, CA 91101", Confidential = true });
        Assert.That(changes, Is.EqualTo(new[] { "confidential", "address" }));
        Assert.That(string.Join(" ", changes), Does.Not.Contain("Hidden"));
    }

    [Test]
    public void AnAddressRemovedOrAddedIsAChangeOfAddress()
    {
        Assert.That(Changes(Before with { Address = null }), Is.EqualTo(new[] { "address" }));
        Assert.That(ProgramChanges.Between(Before with { Address = null }, Before), Is.EqualTo(new[] { "address" }));
    }

    [Test]
    public void ALocationNamesTheCoordinateThatMoved() =>
        Assert.That(Changes(Before with { Location = new GeoPoint(34.06, -118.30) }), Is.EqualTo(new[] { "location.longitude" }));

    [Test]
    public void IntakeContactFieldsAreNamedOneByOne()
    {
        Assert.That(Changes(Before with { IntakeContact = new IntakeContact("+1 213 555 0100", null, "9:00 to 17:00") }), Is.EqualTo(new[] { "intakeContact.hours" }));
        Assert.That(Changes(Before with { IntakeContact = new IntakeContact("+1 213 555 0199", "intake@example.org", "24/7") }),
            Is.EqualTo(new[] { "intakeContact.phone", "intakeContact.email" }));
    }

    [Test]
    public void EligibilityRulesAreNamedOneByOne()
    {
        Assert.That(Changes(Before with { Eligibility = Before.Eligibility with { MaxChildAge = 12 } }), Is.EqualTo(new[] { "eligibility.maxChildAge" }));
        Assert.That(Changes(Before with { Eligibility = Before.Eligibility with { MaxChildAge = null, PetsAllowed = true, Curfew = "22:00" } }),
            Is.EqualTo(new[] { "eligibility.maxChildAge", "eligibility.petsAllowed", "eligibility.curfew" }));
        Assert.That(Changes(Before with { Eligibility = Before.Eligibility with { Languages = ["en", "es", "ko"] } }), Is.EqualTo(new[] { "eligibility.languages" }));
    }

    [Test]
    public void ListsAreNamedAsAWhole()
    {
        var inventory = Before.Inventory[0] with { Beds = 22 };
        Assert.That(Changes(Before with { Inventory = [inventory] }), Is.EqualTo(new[] { "inventory" }));
        Assert.That(Changes(Before with { Inventory = [.. Before.Inventory, inventory with { HouseholdType = HouseholdType.AdultsWithChildren }] }),
            Is.EqualTo(new[] { "inventory" }));
        Assert.That(Changes(Before with { Services = [ProgramService.Counseling, ProgramService.LegalAid] }), Is.EqualTo(new[] { "services" }));
    }

    [Test]
    public void SeveralGroupsAtOnceComeInTheApisOrder() =>
        Assert.That(Changes(Before with
        {
            Region = "spa-6",
            Inventory = [Before.Inventory[0] with { EndDate = new DateOnly(2026, 3, 31) }],
            Eligibility = Before.Eligibility with { GendersServed = [] },
            IntakeContact = Before.IntakeContact with { Email = "front@example.org" },
        }), Is.EqualTo(new[] { "region", "intakeContact.email", "inventory", "eligibility.gendersServed" }));
}
