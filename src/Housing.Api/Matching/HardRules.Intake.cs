using System.Numerics;
using System.Runtime.CompilerServices;

namespace Housing.Api.Matching;

/// <summary>
/// Intake open when the household arrives, after eligibility and before capacity: a program
/// closed then is not one that "would fit if it had room". Checked only for a query with an
/// arrival (a search's); each distinct schedule's state at that instant is worked out once, when
/// the query is compiled (<see cref="Interning.IntakeAt"/>), so a program costs a look-up.
/// </summary>
public static partial class HardRules
{
    /// <summary>Above this many schedules closed on arrival, the scan looks each program up instead of comparing the column with each.</summary>
    public const int IntakeCompares = 8;

    public readonly struct IntakeOpenOnArrival : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.IntakeClosed;
        public static string Sentence => ReasonText.Exclusion_IntakeClosed;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_IntakeClosed_Count, count);
        public static bool Applies(CompiledQuery q) => q.ClosedIntakes.Length != 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) => !q.IntakeClosed(p.Intake);

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            var closed = q.ClosedIntakes;
            for (var w = 0; w < s.Words; w++)
            {
                if (s.Alive[w] == 0) continue;
                ulong shut = 0;
                if (closed.Length <= IntakeCompares)
                {
                    foreach (var intake in closed) shut |= Word.Equal(c.Intake, w, intake);
                }
                else
                {
                    for (var bits = s.Alive[w]; bits != 0; bits &= bits - 1)
                    {
                        var k = BitOperations.TrailingZeroCount(bits);
                        if (q.IntakeClosed(c.Intake[w * 64 + k])) shut |= 1UL << k;
                    }
                }
                s.Pass[w] = ~shut;
            }
        }

        /// <summary>The sentence for one program, with the local time its intake opens again.</summary>
        public static string SentenceFor(in ProgramFacts p, CompiledQuery q) =>
            q.IntakeClosed(p.Intake)
                ? Say.Format(ReasonText.Exclusion_IntakeClosed_OpensAt, Programs.IntakeHoursRules.Clock(q.Intake[p.Intake].LocalTime))
                : Sentence;

        /// <summary>"Call first: intake closes at 21:00." for a program whose intake closes soon after the household arrives; null otherwise.</summary>
        public static Programs.ProgramWarning? CallFirst(in ProgramFacts p, CompiledQuery q)
        {
            if ((uint)p.Intake >= (uint)q.Intake.Length || q.Intake[p.Intake] is not { Open: true } moment) return null;
            if (moment.MinutesToClose > q.Query.CallFirstMinutes) return null;
            return new Programs.ProgramWarning("call_first", Say.Format(ReasonText.Warning_CallFirst, Programs.IntakeHoursRules.Clock(moment.LocalTime)));
        }
    }
}
