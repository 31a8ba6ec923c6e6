using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Housing.Api.Matching;

/// <summary>
/// <see cref="MatchRules.Check"/>'s first reason for every program at once, one rule at a time
/// over bitmaps: a bit per program still in the running, and per rule a bit per program that
/// passes it (<see cref="IHardRule.Mark"/>). A program still in the running that fails a rule
/// is counted under that rule and drops out, so, as rules are applied in <see cref="ExclusionReason"/>
/// order, each program is counted under exactly the reason a one-program-at-a-time check would
/// give first. Rules that cannot exclude anyone for this query (no pets, no unsafe places) are
/// skipped, and words with no program left in the running cost nothing.
/// </summary>
public static class RuleScan
{
    /// <summary>
    /// Whether the query's numbers are within what the narrow columns keep exactly (always so
    /// for a validated request) and every program fitted its columns; if not, check one by one.
    /// </summary>
    public static bool Fits(ScanColumns c, CompiledQuery q)
    {
        static bool Small(int value) => value is >= -1 and <= ScanColumns.MaxSmall;
        var start = (long)q.StartDay - c.DayNumber;
        return c.Exact && (q.OldestAdult < 0 || (Small(q.OldestAdult) && Small(q.YoungestAdult)))
            && Small(q.OldestChild) && Small(q.OldestBoy) && Small(q.Size)
            && start is >= 0 and <= ScanColumns.MaxRelativeDay;
    }

    /// <summary>Adds to <paramref name="excludedBy"/> the count per first reason, and to <paramref name="passing"/> the positions that pass every rule, in order.</summary>
    public static void Run(ScanColumns c, CompiledQuery q, int[] excludedBy, List<int> passing)
    {
        var words = c.Words;
        var rented = ArrayPool<ulong>.Shared.Rent(2 * words);
        try
        {
            var scan = new AllPrograms(new ScanWords(rented.AsSpan(0, words), rented.AsSpan(words, words)), c, q, excludedBy);
            var alive = scan.Words.Alive;
            alive.Fill(ulong.MaxValue);
            if (c.Count % 64 != 0) alive[words - 1] = (1UL << (c.Count % 64)) - 1;
            HardRules.Visit(ref scan);
            for (var w = 0; w < words; w++)
            {
                for (var bits = alive[w]; bits != 0; bits &= bits - 1)
                    passing.Add(w * 64 + BitOperations.TrailingZeroCount(bits));
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    private readonly ref struct AllPrograms(ScanWords words, ScanColumns c, CompiledQuery q, int[] excludedBy) : IRuleVisitor
    {
        public readonly ScanWords Words = words;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Visit<TRule>() where TRule : struct, IHardRule
        {
            if (!TRule.Applies(q)) return true;
            TRule.Mark(in Words, c, q);
            excludedBy[(int)TRule.Reason] += Words.Drop();
            return true;
        }
    }
}

/// <summary>
/// The scan's two bitmaps, a bit per program: <see cref="Alive"/>, those still in the running,
/// and <see cref="Pass"/>, those that pass the rule being applied; and the column tests most
/// rules are made of.
/// </summary>
public readonly ref struct ScanWords(Span<ulong> alive, Span<ulong> pass)
{
    public readonly Span<ulong> Alive = alive;
    public readonly Span<ulong> Pass = pass;

    public int Words => Alive.Length;

    /// <summary>Drops the programs still in the running that fail the rule just marked, and counts them.</summary>
    public int Drop()
    {
        var failed = 0;
        for (var w = 0; w < Alive.Length; w++)
        {
            var alive = Alive[w];
            if (alive == 0) continue;
            failed += BitOperations.PopCount(alive & ~Pass[w]);
            Alive[w] = alive & Pass[w];
        }
        return failed;
    }

    /// <summary>Passes a program whose limit is <see cref="ProgramFacts.NoLimit"/> or at least <paramref name="value"/>.</summary>
    public void UpToOrNoLimit(sbyte[] limits, sbyte value)
    {
        for (var w = 0; w < Alive.Length; w++)
        {
            if (Alive[w] != 0) Pass[w] = Word.Equal(limits, w, (sbyte)ProgramFacts.NoLimit) | Word.AtLeast(limits, w, value);
        }
    }

    /// <summary>Passes the programs whose value is not <paramref name="value"/>.</summary>
    public void Unless<T>(T[] column, T value) where T : unmanaged
    {
        for (var w = 0; w < Alive.Length; w++)
        {
            if (Alive[w] != 0) Pass[w] = ~Word.Equal(column, w, value);
        }
    }

    /// <summary>Passes the programs whose mask is empty or shares a bit with <paramref name="mask"/>.</summary>
    public void NoneOrAnyBit(byte[] column, byte mask)
    {
        for (var w = 0; w < Alive.Length; w++)
        {
            if (Alive[w] != 0) Pass[w] = Word.Equal(column, w, (byte)0) | Word.AnyBit(column, w, mask);
        }
    }

    /// <summary>Passes the programs with the flag (<paramref name="needed"/>) or without it.</summary>
    public void Flag(ScanColumns c, byte flag, bool needed)
    {
        for (var w = 0; w < Alive.Length; w++)
        {
            if (Alive[w] == 0) continue;
            var has = Word.AnyBit(c.Flags, w, flag);
            Pass[w] = needed ? has : ~has;
        }
    }

    public bool IsAlive(int at) => (Alive[at >> 6] & (1UL << at)) != 0;

    public static void Clear(Span<ulong> bits, int at) => bits[at >> 6] &= ~(1UL << at);
}
