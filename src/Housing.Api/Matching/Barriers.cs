using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// Rules a household would live by that are not reasons to exclude it. One list, so the
/// "fewer barriers" score and the sentence that names them cannot disagree.
/// </summary>
public static class Barriers
{
    public static string CaseByCase => ReasonText.Barrier_CaseByCase;

    /// <summary>The barriers that apply whoever the household is.</summary>
    public static IEnumerable<string> Fixed(EligibilityProfile e)
    {
        if (e.SobrietyRequired) yield return ReasonText.Barrier_Sobriety;
        if (e.Curfew is { } curfew) yield return Say.Format(ReasonText.Barrier_Curfew, curfew);
        if (e.ReferralOnly) yield return ReasonText.Barrier_ReferralOnly;
    }

    /// <summary>A record reviewed case by case is a barrier only for a household with one.</summary>
    public static bool CaseByCaseApplies(EligibilityProfile e, Household h) =>
        e.CriminalRecord == CriminalRecordPolicy.CaseByCase && h.CriminalRecord;

    public static int Count(EligibilityProfile e, Household h) => Fixed(e).Count() + (CaseByCaseApplies(e, h) ? 1 : 0);
}
