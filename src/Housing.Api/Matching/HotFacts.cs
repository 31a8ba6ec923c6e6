using System.Runtime.InteropServices;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// The part of <see cref="ProgramFacts"/> the rule scan reads for almost every program, packed
/// small (80 bytes rather than 184) so that the scanned array stays in cache. Fields the rules
/// need only rarely (ids for unsafe programs and organisations, a last day of inventory too far
/// from the index's day for 16 bits) stay in <see cref="ProgramFacts"/>, read at the same
/// position; the unit vector, read only near an unsafe place, is in <see cref="MatchIndex.Units"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct HotFacts
{
    public const byte Confidential = 1, PetsAllowed = 2, WheelchairAccessible = 4, SobrietyRequired = 8, IdRequired = 16, ImmigrationDocumentsRequired = 32;

    public readonly double Latitude;
    public readonly double Longitude;
    public readonly int RegionId;
    public readonly int GenderMask;
    public readonly int MinAdultAge;
    public readonly int MaxAdultAge;
    public readonly int MaxChildAge;
    public readonly int MaxBoyAge;
    public readonly int MaxHouseholdSize;
    public readonly int TraffickingMask;
    public readonly int HomelessMask;
    public readonly int OpenAdultsOnly;
    public readonly int OpenWithChildren;
    public readonly int OpenChildrenOnly;
    /// <summary>Per household type, the last day as days after the index's day (<see cref="OpenEnded"/>, or <see cref="ReadLastDay"/> when it does not fit).</summary>
    public readonly ushort LastAdultsOnly;
    public readonly ushort LastWithChildren;
    public readonly ushort LastChildrenOnly;
    public readonly byte Kind;
    public readonly byte HouseholdTypes;
    public readonly byte Pregnancy;
    public readonly byte CriminalRecord;
    public readonly byte Flags;

    public HotFacts(in ProgramFacts p, int dayNumber)
    {
        Latitude = p.Latitude;
        Longitude = p.Longitude;
        RegionId = p.RegionId;
        GenderMask = p.GenderMask;
        MinAdultAge = p.MinAdultAge;
        MaxAdultAge = p.MaxAdultAge;
        MaxChildAge = p.MaxChildAge;
        MaxBoyAge = p.MaxBoyAge;
        MaxHouseholdSize = p.MaxHouseholdSize;
        TraffickingMask = p.TraffickingMask;
        HomelessMask = p.HomelessMask;
        OpenAdultsOnly = p.OpenAdultsOnly;
        OpenWithChildren = p.OpenWithChildren;
        OpenChildrenOnly = p.OpenChildrenOnly;
        Kind = (byte)p.Kind;
        HouseholdTypes = (byte)p.HouseholdTypes;
        LastAdultsOnly = Relative(p.LastDayAdultsOnly, dayNumber);
        LastWithChildren = Relative(p.LastDayWithChildren, dayNumber);
        LastChildrenOnly = Relative(p.LastDayChildrenOnly, dayNumber);
        Pregnancy = (byte)p.Pregnancy;
        CriminalRecord = (byte)p.CriminalRecord;
        Flags = (byte)((p.Confidential ? Confidential : 0) | (p.PetsAllowed ? PetsAllowed : 0)
            | (p.WheelchairAccessible ? WheelchairAccessible : 0) | (p.SobrietyRequired ? SobrietyRequired : 0)
            | (p.IdRequired ? IdRequired : 0) | (p.ImmigrationDocumentsRequired ? ImmigrationDocumentsRequired : 0));
    }

    public const ushort OpenEnded = ushort.MaxValue, ReadLastDay = ushort.MaxValue - 1;

    private static ushort Relative(int lastDay, int dayNumber)
    {
        if (lastDay == int.MaxValue) return OpenEnded;
        var relative = (long)lastDay - dayNumber;
        return relative >= 0 && relative < ReadLastDay ? (ushort)relative : ReadLastDay;
    }

    /// <summary>Whether the packed form is exact (the enums and household types fit their bytes); otherwise the scan uses <see cref="MatchRules.Check"/>.</summary>
    public static bool Packs(in ProgramFacts p) =>
        (uint)p.Kind < 32 && (uint)p.HouseholdTypes < 256 && (uint)p.Pregnancy < 256 && (uint)p.CriminalRecord < 256;
}

/// <summary>A program's location on the unit sphere (as <see cref="ProgramFacts"/> has it), kept apart: only programs near an unsafe place read it.</summary>
public readonly record struct UnitVector(double X, double Y, double Z);

/// <summary>What ranking needs of a program that passed, without touching its definition.</summary>
public readonly struct ScoreFacts
{
    public readonly Guid Id;
    public readonly DateTimeOffset? PostedAt;
    public readonly ulong LanguageMask;
    public readonly int ServiceMask;
    public readonly int MaxStayDays;
    /// <summary>Sobriety, curfew and referral-only: the barriers that do not depend on the household.</summary>
    public readonly int FixedBarriers;
    public readonly bool CaseByCase;
    public readonly bool Confidential;
    public readonly ProgramKind Kind;
    /// <summary>False when a service does not fit the mask: <see cref="Scoring.Total(CatalogEntry, CompiledQuery, Freshness, double?, ScoringWeights)"/> is used instead.</summary>
    public readonly bool Exact;

    public ScoreFacts(CatalogEntry entry, in ProgramFacts p)
    {
        var d = entry.Program.Definition;
        var e = d.Eligibility;
        Id = entry.Program.Id;
        PostedAt = entry.Latest?.PostedAt;
        LanguageMask = p.LanguageMask;
        ServiceMask = Scoring.ServiceMask(d.Services);
        MaxStayDays = d.MaxStayDays;
        FixedBarriers = (e.SobrietyRequired ? 1 : 0) + (e.Curfew is not null ? 1 : 0) + (e.ReferralOnly ? 1 : 0);
        CaseByCase = e.CriminalRecord == CriminalRecordPolicy.CaseByCase;
        Confidential = d.Confidential;
        Kind = d.Kind;
        Exact = ServiceMask >= 0;
    }
}
