using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Housing.Api.Http;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// Why a program was not offered: one code per hard rule, in the order the engine runs them
/// (<c>HardRules.Visit</c>), so a program is counted under its first reason: safety first, then what was
/// asked for, then eligibility, then capacity. The snake_case names are stable, machine-readable codes.
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ExclusionReason>))]
public enum ExclusionReason
{
    UnsafeProgram,
    UnsafeOrganization,
    UnsafeRegion,
    InsideUnsafePlace,
    NotConfidential,
    KindNotWanted,
    CocNotWanted,
    HouseholdTypeNotServed,
    GenderNotServed,
    AdultAgeOutOfRange,
    ChildTooOld,
    BoyTooOld,
    HouseholdTooLarge,
    PregnancyRequired,
    PregnancyNotAccepted,
    TraffickingTypeNotServed,
    HomelessCategoryNotAccepted,
    PetsNotAllowed,
    NotWheelchairAccessible,
    SobrietyRequired,
    IdRequired,
    ImmigrationDocumentsRequired,
    CriminalRecordRestricted,
    NotAPartnerAgency,
    IntakeClosed,
    CapacityUnknown,
    Full,
    NoRoomLargeEnough,
}

/// <summary>
/// One hard rule, whole: its reason and sentences, when it can exclude anyone, the check of one
/// program (<see cref="MatchRules.Check"/>: explanations, the fallback, watches) and the same
/// check over columns (<see cref="RuleScan"/>: every search). Rules are structs with static
/// members so that each path, generic over the rule, is compiled once per rule with the rule
/// inlined: the list costs nothing at run time.
/// </summary>
public interface IHardRule
{
    static abstract ExclusionReason Reason { get; }

    /// <summary>A plain sentence about one program, for a case manager.</summary>
    static abstract string Sentence { get; }

    /// <summary>A phrase for counting: "14 full", "3 refuse boys this old".</summary>
    static abstract string Summary(int count);

    /// <summary>False only when the query leaves the rule no one to exclude, so the scan may skip it.</summary>
    static abstract bool Applies(CompiledQuery q);

    /// <summary>Whether the program can take the household as far as this rule goes.</summary>
    static abstract bool Passes(in ProgramFacts p, CompiledQuery q);

    /// <summary>
    /// <see cref="Passes"/> for every program in the running at once: for each word with one,
    /// the bits of those that pass (other bits and words are ignored). A program in the running
    /// has passed every earlier rule, which a rule may rely on (capacity does).
    /// </summary>
    static abstract void Mark(in ScanWords s, ScanColumns c, CompiledQuery q);

    /// <summary>
    /// The bit of <see cref="ProgramFacts.Flags"/> (and <see cref="ScanColumns.Flags"/>) holding the program's yes/no
    /// fact this rule compares, such as "allows pets"; 0, the default, for a rule that compares none. Declared here
    /// so that a new yes/no fact is added in its rule alone: each such rule has a bit of its own (a test says so),
    /// and the flags are a byte, so there are eight at most.
    /// </summary>
    static virtual byte Flag => 0;

    /// <summary>Whether the program has the fact <see cref="Flag"/> holds; read once per catalog change by <see cref="ProgramFacts.From"/>, never by a search.</summary>
    static virtual bool Flagged(ProgramDefinition program) => false;

    /// <summary>
    /// The household's yes/no need this rule compares, with its checkbox, its words and how often
    /// generated households and programs have it (<see cref="HouseholdNeeds"/>); null, the default,
    /// for a rule that compares none. Read once, never by a search.
    /// </summary>
    static virtual HouseholdNeed? Need => null;
}

/// <summary>Something done with each rule in turn, compiled once per rule; false stops the walk.</summary>
public interface IRuleVisitor
{
    bool Visit<TRule>() where TRule : struct, IHardRule;
}

/// <summary>The hard rules and their one list. Each rule sits in the file for its group: Safety, Household, Needs, Intake, Capacity.</summary>
public static partial class HardRules
{
    /// <summary>Every rule, in <see cref="ExclusionReason"/> order: the only list, walked by every path that needs the rules.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Visit<TVisitor>(ref TVisitor v) where TVisitor : struct, IRuleVisitor, allows ref struct
    {
        _ = v.Visit<NotMarkedUnsafe>() && v.Visit<OrganizationNotUnsafe>() && v.Visit<RegionNotUnsafe>()
            && v.Visit<OutsideUnsafePlaces>() && v.Visit<ConfidentialIfRequired>()
            && v.Visit<KindWanted>() && v.Visit<CocWanted>() && v.Visit<ServesHouseholdType>() && v.Visit<ServesAdultGenders>()
            && v.Visit<AdultAgesInRange>() && v.Visit<ChildAgesAccepted>() && v.Visit<BoyAgesAccepted>() && v.Visit<HouseholdSizeAccepted>()
            && v.Visit<PregnancyIfRequired>() && v.Visit<PregnancyAccepted>() && v.Visit<TraffickingTypeServed>()
            && v.Visit<HomelessCategoryAccepted>() && v.Visit<PetsAccepted>() && v.Visit<WheelchairAccessibleIfNeeded>()
            && v.Visit<SobrietyNotABarrier>() && v.Visit<IdNotABarrier>() && v.Visit<ImmigrationDocumentsNotABarrier>()
            && v.Visit<CriminalRecordAccepted>() && v.Visit<PartnerIfReferralOnly>()
            && v.Visit<IntakeOpenOnArrival>()
            && v.Visit<CapacityKnown>() && v.Visit<FitsWholeHousehold>() && v.Visit<RoomForWholeHousehold>();
    }

    /// <summary>Each rule's reason and words, in visiting order, for what is said once per search rather than once per program.</summary>
    public static IReadOnlyList<RuleText> Texts { get; } = CollectTexts();

    private static RuleText[] CollectTexts()
    {
        var collect = new TextCollector([]);
        Visit(ref collect);
        return [.. collect.Texts];
    }

    /// <summary>The program's yes/no facts as the bits the rules declare (<see cref="IHardRule.Flag"/>), each read by its rule.</summary>
    public static byte Flags(ProgramDefinition program)
    {
        var read = new FlagReader(program);
        Visit(ref read);
        return read.Flags;
    }

    private struct FlagReader(ProgramDefinition program) : IRuleVisitor
    {
        public byte Flags { get; private set; }

        public bool Visit<TRule>() where TRule : struct, IHardRule
        {
            if (TRule.Flagged(program)) Flags |= TRule.Flag;
            return true;
        }
    }

    private readonly struct TextCollector(List<RuleText> texts) : IRuleVisitor
    {
        public List<RuleText> Texts { get; } = texts;

        public bool Visit<TRule>() where TRule : struct, IHardRule
        {
            Texts.Add(new RuleText(TRule.Reason, () => TRule.Sentence, count => TRule.Summary(count)));
            return true;
        }
    }
}

/// <summary>What a rule says about a program it excludes, and about how many it excluded, in the language of the request it is said in.</summary>
public sealed record RuleText(ExclusionReason Reason, Func<string> Sentence, Func<int, string> Summary);

public static class ExclusionReasons
{
    public static readonly int Count = Enum.GetValues<ExclusionReason>().Length;

    // Indexed by reason: the rules visit in reason order, one rule per reason (a test says so).
    private static readonly RuleText[] ByReason = [.. HardRules.Texts.OrderBy(t => t.Reason)];

    /// <summary>A plain sentence about one program, for a case manager.</summary>
    public static string Sentence(ExclusionReason reason) => (uint)reason < (uint)ByReason.Length ? ByReason[(int)reason].Sentence() : reason.ToString();

    /// <summary>
    /// <see cref="Sentence(ExclusionReason)"/>, with the program's own figures where the reason has
    /// some: "No open room for 5 (the largest open room holds 4).", or when intake opens again.
    /// </summary>
    public static string SentenceFor(ExclusionReason reason, in ProgramFacts p, CompiledQuery q, Programs.ProgramDefinition program) =>
        reason switch
        {
            ExclusionReason.NoRoomLargeEnough => HardRules.RoomForWholeHousehold.Detail(in p, q, program.UnitsPerHousehold),
            ExclusionReason.IntakeClosed => HardRules.IntakeOpenOnArrival.SentenceFor(in p, q),
            _ => Sentence(reason),
        };

    /// <summary>A phrase for counting: "14 full", "3 refuse boys this old".</summary>
    public static string Summary(ExclusionReason reason, int count) =>
        (uint)reason < (uint)ByReason.Length ? ByReason[(int)reason].Summary(count) : $"{count} {reason}";
}
