using Housing.Api.Catalog;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

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
    /// <summary>False when a service does not fit the mask: the services component reads the definition instead.</summary>
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
        FixedBarriers = Barriers.Fixed(e).Count();
        CaseByCase = e.CriminalRecord == CriminalRecordPolicy.CaseByCase;
        Confidential = d.Confidential;
        Kind = d.Kind;
        Exact = ServiceMask >= 0;
    }
}
