using Housing.Api.Availability;
using Housing.Api.Programs;

namespace Housing.Api.Web.Pages.Shelter;

/// <summary>
/// The shelter's counts in plain words: what is free, what is offered, and what each held bed
/// waits for. Each sentence is written here once; a measure is "beds", "units" or "slots".
/// </summary>
public static class CountWords
{
    public static string Label(string field) => CountAdjustment.RoomSize(field) is { } room ? Room(room) : field switch
    {
        "units" => ConsoleText.Counts_UnitsFree,
        "slots" => ConsoleText.Counts_SlotsFree,
        _ => ConsoleText.Counts_BedsFree,
    };

    /// <summary>"Rooms free now with 4 beds and 1 crib".</summary>
    public static string Room(UnitCount size) => size.Cribs switch
    {
        0 => Say.Format(ConsoleText.Counts_RoomsFree, size.Beds),
        1 => Say.Format(ConsoleText.Counts_RoomsFreeWithCrib, size.Beds),
        _ => Say.Format(ConsoleText.Counts_RoomsFreeWithCribs, size.Beds, size.Cribs),
    };

    /// <summary>What the open rooms after holds can take: "Largest free room: 4 beds and 1 crib."</summary>
    public static string OpenRooms(IReadOnlyList<UnitCount> open) => open.Count == 0
        ? ConsoleText.Counts_NoRoomFree
        : Say.Format(ConsoleText.Counts_RoomsOffered, UnitFit.Count(open), string.Join(", ", open.Select(u => u.Cribs switch
        {
            0 => Say.Format(ConsoleText.Counts_RoomSize, u.Count, u.Beds),
            1 => Say.Format(ConsoleText.Counts_RoomSizeWithCrib, u.Count, u.Beds),
            _ => Say.Format(ConsoleText.Counts_RoomSizeWithCribs, u.Count, u.Beds, u.Cribs),
        })));

    public static string Of(int max) => Say.Format(ConsoleText.Counts_Of, max);

    // "Label: count." keeps each sentence whole whatever the count, and the counts line up.
    public static string Offered(int open, string measure) => Say.Format(ConsoleText.Counts_Offered, open, Display.Count(open, measure));

    public static string AwaitingAnswer(int count, string measure) => Say.Format(ConsoleText.Counts_AwaitingAnswer, count, Display.Count(count, measure));

    public static string AwaitingArrival(int count, string measure) => Say.Format(ConsoleText.Counts_AwaitingArrival, count, Display.Count(count, measure));

    public static string ArrivedSinceCount(int count, string measure) =>
        Say.Format(ConsoleText.Counts_ArrivedSinceCount, count, Display.Count(count, measure));

    public static string NotSaved(string why) => Say.Format(ConsoleText.Counts_NotSaved, why);

    public static string NotANumber(int max) => Say.Format(ConsoleText.Form_Range, max);

    public static string BelowZero => ConsoleText.Counts_BelowZero;

    public static string AboveInventory(int max, string measure, string household, int offline = 0) => offline > 0
        ? Say.Format(ConsoleText.Counts_AboveInService, max, Display.Count(max, measure), household, offline)
        : Say.Format(ConsoleText.Counts_AboveInventory, max, Display.Count(max, measure), household);
}
