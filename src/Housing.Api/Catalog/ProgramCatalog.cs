using System.Collections.Immutable;
using Housing.Api.Availability;
using Housing.Api.Offline;
using Housing.Api.Overflow;
using Housing.Api.Programs;

namespace Housing.Api.Catalog;

/// <summary>A program with its latest availability snapshot and the holds that count against it.</summary>
public sealed record CatalogEntry(HousingProgram Program, Snapshot? Latest, IReadOnlyList<ActiveHold> Holds)
{
    public CatalogEntry(HousingProgram program, Snapshot? latest) : this(program, latest, []) { }

    /// <summary>The program's <c>catalog_versions</c> counter that <see cref="Holds"/> were read at (0: not known).</summary>
    public long HoldsVersion { get; init; }

    /// <summary>
    /// The agencies the program's organisation takes referrals from, in id order: its
    /// referral-only programs are offered to these alone. Shared by every entry of the organisation; never changed in place.
    /// </summary>
    public Guid[] Partners { get; init; } = [];

    /// <summary>The program's <c>catalog_versions</c> counter that <see cref="Partners"/> were read at (0: not known).</summary>
    public long PartnersVersion { get; init; }

    /// <summary>The days overflow is activated for the program's region (from yesterday on); never changed in place.</summary>
    public OverflowWindow[] Overflow { get; init; } = [];

    /// <summary>The program's <c>catalog_versions</c> counter that <see cref="Overflow"/> was read at (0: not known).</summary>
    public long OverflowVersion { get; init; }

    /// <summary>Whether the program's overflow inventory counts on <paramref name="day"/>.</summary>
    public bool OverflowOn(DateOnly day) => OverflowWindow.InForce(Overflow, day);

    /// <summary>The program's beds out of service now (not returned), oldest first; never changed in place.</summary>
    public OfflineBeds[] Offline { get; init; } = [];

    /// <summary>The program's <c>catalog_versions</c> counter that <see cref="Offline"/> was read at (0: not known).</summary>
    public long OfflineVersion { get; init; }
}

/// <summary>
/// Every program and its latest availability, in memory, in id order. Listing open capacity
/// and matching read this instead of scanning the database per request.
/// The stores update it after each commit, and <see cref="CatalogRefresher"/> with what other
/// instances wrote; updates only move forward (a newer program version, a newer snapshot id,
/// holds read at a newer catalog version), so two writers finishing out of order cannot regress it.
/// Readers get an immutable snapshot without locking.
/// </summary>
public sealed class ProgramCatalog
{
    private readonly Lock _gate = new();
    private ImmutableSortedDictionary<Guid, CatalogEntry> _entries =
        ImmutableSortedDictionary.Create<Guid, CatalogEntry>(GuidOrder.Instance);
    private long _version;

    /// <summary>Which program each of the latest changes touched, oldest first; starts empty at the last full load.</summary>
    private ImmutableQueue<(long Version, Guid ProgramId)> _changes = [];
    private int _changeCount;
    private long _loadedAt;

    /// <summary>How many changes <see cref="ChangesSince"/> remembers; a view further behind rebuilds from <see cref="Versioned"/>.</summary>
    public const int JournalLength = 4096;

    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes at the next change after it was read: what a worker waiting to react to a post
    /// or a released hold (standing searches) awaits, instead of polling.
    /// </summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>Grows with every change, so views built from the catalog know when they are out of date.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The entries together with the version they belong to.</summary>
    public (long Version, IReadOnlyCollection<CatalogEntry> Entries) Versioned()
    {
        lock (_gate) return (_version, _entries.Values.ToList());
    }

    /// <summary>
    /// The programs changed after <paramref name="version"/>, with the current version and the
    /// entries as of it, or null when the journal does not reach back that far (or a full load
    /// came in between): then the caller starts again from <see cref="Versioned"/>.
    /// </summary>
    public CatalogChanges? ChangesSince(long version)
    {
        lock (_gate)
        {
            if (version < _loadedAt || version > _version) return null;
            if (version < _version - _changeCount) return null;
            var ids = new HashSet<Guid>();
            foreach (var (at, id) in _changes)
                if (at > version) ids.Add(id);
            return new CatalogChanges(_version, ids, _entries);
        }
    }

    public IReadOnlyCollection<CatalogEntry> Entries => Volatile.Read(ref _entries).Values.ToList();

    /// <summary>Entries after <paramref name="after"/> in id order (the same order as the database's text ids).</summary>
    public IEnumerable<CatalogEntry> From(Guid? after)
    {
        var entries = Volatile.Read(ref _entries);
        return after is { } a ? entries.Values.Where(e => GuidOrder.Instance.Compare(e.Program.Id, a) > 0) : entries.Values;
    }

    public CatalogEntry? Get(Guid id) => Volatile.Read(ref _entries).GetValueOrDefault(id);

    /// <param name="holdsVersions">Each program's catalog version, read before its holds and partners.</param>
    /// <param name="partners">Each organisation's partner agencies, in id order.</param>
    /// <param name="offline">Each program's beds out of service now.</param>
    public void Load(IEnumerable<HousingProgram> programs, IEnumerable<Snapshot> latest, IEnumerable<ActiveHold>? holds = null,
        IReadOnlyDictionary<Guid, long>? holdsVersions = null, ILookup<Guid, Guid>? partners = null, ILookup<string, OverflowWindow>? overflow = null,
        ILookup<Guid, OfflineBeds>? offline = null)
    {
        var snapshots = latest.ToDictionary(s => s.ProgramId);
        var held = (holds ?? []).ToLookup(h => h.ProgramId);
        var builder = ImmutableSortedDictionary.CreateBuilder<Guid, CatalogEntry>(GuidOrder.Instance);
        foreach (var program in programs)
        {
            builder[program.Id] = new CatalogEntry(program, snapshots.GetValueOrDefault(program.Id), held[program.Id].ToList())
            {
                HoldsVersion = holdsVersions?.GetValueOrDefault(program.Id) ?? 0,
                Partners = partners?[program.Definition.OrganizationId].ToArray() ?? [],
                PartnersVersion = holdsVersions?.GetValueOrDefault(program.Id) ?? 0,
                Overflow = overflow?[program.Definition.Region].ToArray() ?? [],
                OverflowVersion = holdsVersions?.GetValueOrDefault(program.Id) ?? 0,
                Offline = offline?[program.Id].ToArray() ?? [],
                OfflineVersion = holdsVersions?.GetValueOrDefault(program.Id) ?? 0,
            };
        }
        lock (_gate)
        {
            Publish(builder.ToImmutable(), changed: null);
        }
    }

    public void Upsert(HousingProgram program)
    {
        lock (_gate)
        {
            var current = _entries.GetValueOrDefault(program.Id);
            if (current is not null && current.Program.Version >= program.Version) return;
            Publish(_entries.SetItem(program.Id, current is null ? new CatalogEntry(program, null) : current with { Program = program }), program.Id);
        }
    }

    public void Posted(Snapshot snapshot)
    {
        lock (_gate)
        {
            if (_entries.GetValueOrDefault(snapshot.ProgramId) is not { } current) return;
            if (current.Latest is not null && current.Latest.Id >= snapshot.Id) return;
            Publish(_entries.SetItem(snapshot.ProgramId, current with { Latest = snapshot }), snapshot.ProgramId);
        }
    }

    /// <summary>
    /// Replaces a program's holds with what the database said at catalog version
    /// <paramref name="version"/> (or later: read the version first, then the holds), unless the
    /// catalog already has them from that version or a newer one.
    /// </summary>
    public void HoldsChanged(Guid programId, IReadOnlyList<ActiveHold> holds, long version)
    {
        lock (_gate)
        {
            if (_entries.GetValueOrDefault(programId) is not { } current) return;
            if (current.HoldsVersion >= version) return;
            Publish(_entries.SetItem(programId, current with { Holds = holds, HoldsVersion = version }), programId);
        }
    }

    /// <summary>
    /// Replaces the days a program's overflow is activated with what the database said at catalog
    /// version <paramref name="version"/> (or later), unless the catalog already has them from that version or a newer one.
    /// </summary>
    public void OverflowChanged(Guid programId, OverflowWindow[] windows, long version)
    {
        lock (_gate)
        {
            if (_entries.GetValueOrDefault(programId) is not { } current) return;
            if (current.OverflowVersion >= version) return;
            Publish(_entries.SetItem(programId, current with { Overflow = windows, OverflowVersion = version }), programId);
        }
    }

    /// <summary>
    /// Replaces a program's beds out of service with what the database said at catalog version
    /// <paramref name="version"/> (or later), unless the catalog already has them from that version or a newer one.
    /// </summary>
    public void OfflineChanged(Guid programId, OfflineBeds[] offline, long version)
    {
        lock (_gate)
        {
            if (_entries.GetValueOrDefault(programId) is not { } current) return;
            if (current.OfflineVersion >= version) return;
            Publish(_entries.SetItem(programId, current with { Offline = offline, OfflineVersion = version }), programId);
        }
    }

    /// <summary>
    /// Replaces a program's partner agencies with what the database said at catalog version
    /// <paramref name="version"/> (or later), unless the catalog already has them from that version or a newer one.
    /// </summary>
    public void PartnersChanged(Guid programId, Guid[] partners, long version)
    {
        lock (_gate)
        {
            if (_entries.GetValueOrDefault(programId) is not { } current) return;
            if (current.PartnersVersion >= version) return;
            Publish(_entries.SetItem(programId, current with { Partners = partners, PartnersVersion = version }), programId);
        }
    }

    /// <summary>Called under the gate; <paramref name="changed"/> is null for a full load.</summary>
    private void Publish(ImmutableSortedDictionary<Guid, CatalogEntry> entries, Guid? changed)
    {
        Volatile.Write(ref _entries, entries);
        var version = Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (changed is not { } id)
        {
            (_changes, _changeCount, _loadedAt) = ([], 0, version);
            return;
        }
        _changes = _changes.Enqueue((version, id));
        if (++_changeCount > JournalLength)
        {
            _changes = _changes.Dequeue();
            _changeCount--;
        }
    }
}

/// <summary>What changed in the catalog since a version: the programs touched, and every entry as of <paramref name="Version"/>.</summary>
public sealed record CatalogChanges(long Version, IReadOnlySet<Guid> ProgramIds, ImmutableSortedDictionary<Guid, CatalogEntry> Entries);

/// <summary>Orders ids as their lowercase text sorts, which is how the database orders them.</summary>
public sealed class GuidOrder : IComparer<Guid>
{
    public static readonly GuidOrder Instance = new();

    public int Compare(Guid x, Guid y)
    {
        Span<byte> a = stackalloc byte[16], b = stackalloc byte[16];
        x.TryWriteBytes(a, bigEndian: true, out _);
        y.TryWriteBytes(b, bigEndian: true, out _);
        return a.SequenceCompareTo(b);
    }
}
