using Housing.Api.Asks;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Shelter;

/// <summary>
/// A shelter's own programs with their open counts, the asks waiting for its yes or no, and the
/// referrals waiting for its answer. An ask shows the household's needs only (the API's shelter
/// view has no client reference and never held any safety data).
/// </summary>
[Authorize(Policy = ConsoleAuth.Shelter)]
public sealed class IndexModel(
    ProgramCatalog catalog, ReferralOperations referrals, ReferralStore holds, AskOperations asks, CountPosting posting, LocalTime local, TimeProvider clock)
    : ConsolePage
{
    public const string Home = "/shelter";

    public IReadOnlyList<CountsView> Programs { get; private set; } = [];
    public IReadOnlyList<AskedView> Asked { get; private set; } = [];
    public IReadOnlyList<ReferralView> Waiting { get; private set; } = [];
    public IReadOnlyList<ReferralView> Arriving { get; private set; } = [];

    /// <summary>Our programs with overflow beds whose region has an overflow night now or coming, with its days.</summary>
    public IReadOnlyList<(string Program, Overflow.OverflowWindow Window, bool Tonight)> OverflowNights { get; private set; } = [];

    /// <summary>Our programs with beds out of service past the day they were expected back, and how many: return them or set a new day.</summary>
    public IReadOnlyList<(Guid Program, string Name, int Beds)> Overdue { get; private set; } = [];

    /// <summary>The ask line a failed answer was for, so its form opens again with the messages.</summary>
    public (Guid Ask, Guid Program)? Answering { get; private set; }

    public async Task OnGetAsync(string? done, Guid? program, CancellationToken ct)
    {
        await LoadAsync(ct);
        // A change of counts is said on its program's card, where the counts are, so it is in view.
        if (Notices.OnCard(done) && Programs.Any(p => p.ProgramId == program))
            Programs = Programs.Select(p => p.ProgramId == program ? p with { Message = Notices.Card(done) } : p).ToList();
        else
            (Notice, Problem) = Notices.For(done);
    }

    /// <summary>The number typed for one figure of one of our programs; one the inventory does not allow is shown back on its card with the reason.</summary>
    public async Task<IActionResult> OnPostSetAsync(Guid programId, string? householdType, string? field, string? value, string? basedOn,
        CancellationToken ct)
    {
        if (!HousingJson.TryParse<HouseholdType>(householdType, out var type) || !CountPosting.IsField(field)) return BadRequest();
        var (outcome, error) = await posting.SetAsync(Caller, programId, type, field!, value, basedOn, ct);
        if (outcome == CountOutcome.NotFound) return NotFound();
        if (outcome != CountOutcome.Invalid) return LocalRedirect(Notices.After(Home, programId, Notices.Done(outcome)));
        await LoadAsync(ct);
        var typed = new TypedCount(type, field!, value, error ?? CountWords.NotANumber(0));
        Programs = Programs.Select(p => p.ProgramId == programId ? p with { Typed = typed } : p).ToList();
        return Page();
    }

    /// <summary>Yes (with when the household can arrive, if said) or no with a coded reason, for one of our programs' ask lines.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(Guid askId, Guid programId, string? answer, string? arriveBy, string? reason, string? text,
        CancellationToken ct)
    {
        var v = new Validation();
        var said = HousingJson.TryParse<AskAnswer>(answer, out var a) ? a : (AskAnswer?)null;
        if (said is null) v.Add("answer", ConsoleText.Shelter_ChooseYesNo);
        DateTimeOffset? arrive = null;
        if (said == AskAnswer.Yes && !string.IsNullOrWhiteSpace(arriveBy) && (arrive = local.Parse(arriveBy)) is null)
            v.Add("arriveBy", Say.Format(ConsoleText.Shelter_GiveTime, local.Time(clock.GetUtcNow().AddHours(2))[..16]));
        DeclineReason? why = HousingJson.TryParse<DeclineReason>(reason, out var r) ? r : null;
        if (said == AskAnswer.No && !string.IsNullOrEmpty(reason) && why is null) v.Add("reason", ConsoleText.Form_ChooseFromList);
        if (v.IsValid)
        {
            var request = new AnswerAskRequest(said, arrive, said == AskAnswer.No ? why : null,
                said == AskAnswer.No && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null);
            var answered = await asks.AnswerAsync(Caller, askId, programId, request, ct);
            if (answered.IsNotFound) return NotFound();
            if (answered.Value is not null) return LocalRedirect($"{Home}?done={(said == AskAnswer.Yes ? "ask_yes" : "ask_no")}");
            Explain(answered);
            // Too late, or another program was first: say so in the API's own words ("Placed elsewhere: …").
            if (answered.Refusal is { } refusal) Problem = $"{refusal.Title}: {refusal.Detail}";
        }
        else
        {
            ShowErrors(v.Errors);
        }
        Answering = (askId, programId);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Only the shelter's own organisation: the API's scope for a shelter key.
        var ours = catalog.Entries
            .Where(e => e.Program.Definition.OrganizationId == Caller.OrganizationScope)
            .OrderBy(e => e.Program.Definition.Name, StringComparer.CurrentCulture)
            .ToList();
        var held = await holds.HeldAtAsync(ours.Select(e => e.Program.Id).ToList(), ct);
        Programs = ours.Select(e => CountsView.Of(e, now, Home, held)).ToList();
        var today = Overflow.OverflowOperations.Today(now);
        OverflowNights = [.. ours
            .Where(e => e.Program.Definition.Inventory.Any(i => i.Availability == InventoryAvailability.Overflow))
            .SelectMany(e => e.Overflow.Where(w => w.EndsOn >= today).Select(w => (e.Program.Definition.Name, w, w.Covers(today))))];
        Overdue = [.. ours.Select(e => (e.Program.Id, e.Program.Definition.Name, Beds: e.Offline.Where(o => o.OverdueOn(today)).Sum(o => o.Beds)))
            .Where(x => x.Beds > 0)];
        Asked = await OpenAsksAsync(ct);
        Waiting = await ListAsync("pending", ReferralStatus.Pending, ct);
        Arriving = await ListAsync("accepted", ReferralStatus.Accepted, ct);
    }

    /// <summary>Each open ask's lines still waiting at our programs (the API's shelter view holds only ours), soonest to expire first.</summary>
    private async Task<IReadOnlyList<AskedView>> OpenAsksAsync(CancellationToken ct)
    {
        var open = new List<AskedView>();
        Guid? after = null;
        for (var pages = 0; pages < 50; pages++)
        {
            var page = (await asks.ListAsync(Caller, new AskQuery { Status = "open", After = after, Limit = Paging.MaxLimit }, ct)).Value!;
            open.AddRange(page.Items.SelectMany(a => a.Programs.Where(l => l.Status == AskLineStatus.Pending).Select(l => new AskedView(a, l))));
            if (page.Next is not { } next) break;
            after = next;
        }
        return open.OrderBy(x => x.Line.ExpiresAt).ToList();
    }

    private async Task<IReadOnlyList<ReferralView>> ListAsync(string status, ReferralStatus atOurs, CancellationToken ct)
    {
        var page = (await referrals.ListAsync(Caller, new ReferralQuery { Status = status, Limit = Paging.MaxLimit }, ct)).Value!;
        return page.Items.Where(r => r.Status == atOurs).ToList();
    }
}

/// <summary>An ask as one of our programs received it: the household's needs and that program's line.</summary>
public sealed record AskedView(AskView Ask, AskLineView Line);
