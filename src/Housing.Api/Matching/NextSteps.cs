
namespace Housing.Api.Matching;

/// <summary>
/// Where a search that found fewer programs than asked for leads, instead of a dead end: how
/// many programs would take the household if they had room (they pass every safety and
/// eligibility rule and fail only on capacity: full, or never posted), which are the ones worth
/// asking; what the case manager can do about it now (<c>offers</c>: ask them all at once,
/// leave a watch); and the deployment's fallback resources.
/// </summary>
public sealed record NextSteps(int WouldFitWithRoom, string Summary, IReadOnlyList<NextStepOffer> Offers, IReadOnlyList<FallbackResource> Fallbacks)
{
    /// <summary>Capacity rules run last, so a program counted under one of these passed every other rule.</summary>
    public static readonly ExclusionReason[] CapacityOnly = [ExclusionReason.Full, ExclusionReason.NoRoomLargeEnough, ExclusionReason.CapacityUnknown];

    /// <summary>Null when the search found as many programs as it asked for.</summary>
    /// <param name="canAct">The caller may ask and watch (a case manager); an admin's search gets no offers it could not take.</param>
    /// <param name="maxAsked">At most this many programs are asked at once (<c>Asks:MaxPrograms</c>).</param>
    public static NextSteps? For(MatchOutcome outcome, int limit, IReadOnlyList<FallbackResource> fallbacks, bool canAct = false, int maxAsked = 30)
    {
        if (outcome.Matched >= limit) return null;
        var room = outcome.ExcludedByReason.Where(r => CapacityOnly.Contains(r.Code)).Sum(r => r.Count);
        var summary = room switch
        {
            0 => ReasonText.NextSteps_NoneWithRoom,
            1 => ReasonText.NextSteps_OneWithRoom,
            _ => Say.Format(ReasonText.NextSteps_ManyWithRoom, room),
        };
        var offers = new List<NextStepOffer>();
        if (canAct && room > 0)
        {
            var asked = Math.Min(room, maxAsked);
            offers.Add(new NextStepOffer("ask", "POST", "/v1/asks", asked, asked == 1
                ? ReasonText.NextSteps_AskOne
                : Say.Format(ReasonText.NextSteps_AskMany, asked)));
        }
        if (canAct)
            offers.Add(new NextStepOffer("watch", "POST", "/v1/watches", null,
                ReasonText.NextSteps_Watch));
        return new NextSteps(room, summary, offers, fallbacks);
    }
}

/// <summary>
/// Something the case manager can do now, as an API call: <c>ask</c> (the programs that would
/// take the household if they had room, <c>programs</c> of them) or <c>watch</c>. The
/// call takes the search's own household, wants and safety.
/// </summary>
public sealed record NextStepOffer(string Action, string Method, string Href, int? Programs, string Summary);

/// <summary>A hotline or service to turn to when no bed fits, configured per deployment (<c>Fallbacks</c>).</summary>
public sealed record FallbackResource(string Name, string? Phone, string? Text, string? Url, string Hours, IReadOnlyList<string> Languages, string? Note);
