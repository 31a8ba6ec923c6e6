using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>A query reduced, once per search, to what the rules compare with <see cref="ProgramFacts"/>.</summary>
public sealed class CompiledQuery
{
    public required MatchQuery Query { get; init; }
    public required HouseholdType HouseholdType { get; init; }
    public required int HouseholdTypeBit { get; init; }
    public required int Size { get; init; }
    public required int[] AdultGenderMasks { get; init; }
    public required int YoungestAdult { get; init; }
    public required int OldestAdult { get; init; }
    /// <summary>-1 when there is no child (or no boy).</summary>
    public required int OldestChild { get; init; }
    public required int OldestBoy { get; init; }
    public required int TraffickingMask { get; init; }
    public required int HomelessBit { get; init; }
    public required int KindMask { get; init; }
    public required Guid[] UnsafePrograms { get; init; }
    public required Guid[] UnsafeOrganizations { get; init; }
    public required int[] UnsafeRegions { get; init; }
    public required GeoCircle[] UnsafePlaces { get; init; }
    public required int StartDay { get; init; }
    public required ulong LanguageMask { get; init; }
    public required int ServiceMask { get; init; }

    public Household Household => Query.Household;

    public static CompiledQuery Compile(MatchQuery query, Interning interning, DateOnly today)
    {
        var h = query.Household;
        var adults = h.Members.Where(m => m.Role == MemberRole.Adult).ToList();
        var children = h.Members.Where(m => m.Role == MemberRole.Child).ToList();
        var kinds = query.Wants.Kinds is { Count: > 0 } k ? k : Enum.GetValues<ProgramKind>();
        return new CompiledQuery
        {
            Query = query,
            HouseholdType = h.Type,
            HouseholdTypeBit = ProgramFacts.Bit(h.Type),
            Size = h.Size,
            AdultGenderMasks = adults.Select(a => ProgramFacts.Mask(a.Genders)).ToArray(),
            YoungestAdult = adults.Count > 0 ? adults.Min(a => a.Age) : int.MaxValue,
            OldestAdult = adults.Count > 0 ? adults.Max(a => a.Age) : -1,
            OldestChild = children.Count > 0 ? children.Max(c => c.Age) : -1,
            OldestBoy = children.Where(c => c.Genders.Contains(Gender.Man)).Select(c => c.Age).DefaultIfEmpty(-1).Max(),
            TraffickingMask = h.Trafficking switch
            {
                TraffickingExperience.Sex => 1,
                TraffickingExperience.Labor => 2,
                TraffickingExperience.Both => 3,
                _ => 0,
            },
            HomelessBit = h.HomelessCategory is { } c ? 1 << c : 0,
            KindMask = kinds.Aggregate(0, (m, kind) => m | (1 << (int)kind)),
            UnsafePrograms = query.Safety.UnsafeProgramIds?.ToArray() ?? [],
            UnsafeOrganizations = query.Safety.UnsafeOrganizationIds?.ToArray() ?? [],
            // A region no program is in cannot exclude anything, so it need not be interned.
            UnsafeRegions = (query.Safety.UnsafeRegions ?? []).Select(interning.KnownRegion).OfType<int>().ToArray(),
            UnsafePlaces = (query.Safety.UnsafePlaces ?? []).Select(p => new GeoCircle(p.Latitude, p.Longitude, p.RadiusKm)).ToArray(),
            StartDay = Math.Max(today.DayNumber, query.Wants.EarliestStart?.DayNumber ?? 0),
            LanguageMask = interning.KnownLanguages(h.Languages ?? []),
            ServiceMask = ProgramFacts.Mask(query.Wants.Services ?? []),
        };
    }
}
