using System.Runtime.CompilerServices;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>Safety first: what the household must be kept away from, and confidentiality.</summary>
public static partial class HardRules
{
    public readonly struct NotMarkedUnsafe : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.UnsafeProgram;
        public static string Sentence => ReasonText.Exclusion_UnsafeProgram;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_UnsafeProgram_Count, count);
        public static bool Applies(CompiledQuery q) => q.UnsafePrograms.Length != 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            q.UnsafePrograms.Length == 0 || Array.IndexOf(q.UnsafePrograms, p.Id) < 0;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            s.Pass.Fill(ulong.MaxValue);
            foreach (var id in q.UnsafePrograms)
                if (c.TryGetPosition(id, out var at)) ScanWords.Clear(s.Pass, at);
        }
    }

    public readonly struct OrganizationNotUnsafe : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.UnsafeOrganization;
        public static string Sentence => ReasonText.Exclusion_UnsafeOrganization;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_UnsafeOrganization_Count, count);
        public static bool Applies(CompiledQuery q) => q.UnsafeOrganizations.Length != 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            q.UnsafeOrganizations.Length == 0 || Array.IndexOf(q.UnsafeOrganizations, p.OrganizationId) < 0;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            s.Pass.Fill(ulong.MaxValue);
            foreach (var id in q.UnsafeOrganizations)
                foreach (var at in c.PositionsOf(id)) ScanWords.Clear(s.Pass, at);
        }
    }

    public readonly struct RegionNotUnsafe : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.UnsafeRegion;
        public static string Sentence => ReasonText.Exclusion_UnsafeRegion;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_UnsafeRegion_Count, count);
        public static bool Applies(CompiledQuery q) => q.UnsafeRegions.Length != 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            q.UnsafeRegions.Length == 0 || Array.IndexOf(q.UnsafeRegions, p.RegionId) < 0;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            for (var w = 0; w < s.Words; w++)
            {
                if (s.Alive[w] == 0) continue;
                ulong inside = 0;
                foreach (var region in q.UnsafeRegions) inside |= Word.Equal(c.RegionId, w, region);
                s.Pass[w] = ~inside;
            }
        }
    }

    /// <summary>
    /// Great-circle distance to each unsafe place. Most programs are settled by the place's cheap,
    /// conservative tests (<see cref="UnsafePlaceFilter"/>); only those within a hair of the
    /// circle's edge pay for the trigonometry. A confidential program is located by its area's
    /// centre only, and tested against the places widened by the area's reach
    /// (<see cref="ConfidentialArea"/>).
    /// </summary>
    public readonly struct OutsideUnsafePlaces : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.InsideUnsafePlace;
        public static string Sentence => ReasonText.Exclusion_InsideUnsafePlace;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_InsideUnsafePlace_Count, count);
        public static bool Applies(CompiledQuery q) => q.UnsafePlaces.Length != 0;

        public static bool Passes(in ProgramFacts p, CompiledQuery q)
        {
            var (places, filters) = q.UnsafePlacesFor(p.Confidential);
            for (var i = 0; i < places.Length; i++)
            {
                if (MatchRules.InsideUnsafePlace(places[i], filters[i], p.Latitude, p.Longitude, p.X, p.Y, p.Z)) return false;
            }
            return true;
        }

        /// <summary>
        /// Only programs in a place's latitude band can be inside it (a little wider than the
        /// radius, so rounding cannot leave one out); each is then tested exactly as
        /// <see cref="Passes"/> does. Confidential programs, apart, against the widened place and its wider band.
        /// </summary>
        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            s.Pass.Fill(ulong.MaxValue);
            for (var i = 0; i < q.UnsafePlaces.Length; i++)
            {
                ClearInside(s, c, q.UnsafePlaces[i], q.UnsafePlaceFilters[i], confidential: false);
                ClearInside(s, c, q.ConfidentialUnsafePlaces[i], q.ConfidentialUnsafePlaceFilters[i], confidential: true);
            }
        }

        private static void ClearInside(in ScanWords s, ScanColumns c, GeoCircle place, UnsafePlaceFilter filter, bool confidential)
        {
            var degrees = place.RadiusKm / Geo.KmPerDegreeLatitude * (1 + 1e-9) + 1e-9;
            foreach (ref readonly var p in c.LatitudeBand(place.Latitude, degrees, confidential))
            {
                if (s.IsAlive(p.Position) && MatchRules.InsideUnsafePlace(place, filter, p.Latitude, p.Longitude, p.X, p.Y, p.Z))
                    ScanWords.Clear(s.Pass, p.Position);
            }
        }
    }

    public readonly struct ConfidentialIfRequired : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.NotConfidential;
        public static string Sentence => ReasonText.Exclusion_NotConfidential;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_NotConfidential_Count, count);
        public static byte Flag => 1;
        public static bool Flagged(ProgramDefinition program) => program.Confidential;
        public static bool Applies(CompiledQuery q) => q.Query.Safety.ConfidentialRequired;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) => p.Confidential || !q.Query.Safety.ConfidentialRequired;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.Flag(c, Flag, needed: true);
    }
}
