using System.IO.Compression;

namespace Housing.Api.Imports.Hmis;

/// <summary>
/// An HMIS CSV export as it arrives: a folder of the files, or a zip of them (at its root or in
/// one folder). File names are matched without regard to case, as exports differ in that.
/// </summary>
public sealed class HmisSource : IDisposable
{
    private readonly Dictionary<string, Func<Stream>> _files;
    private readonly ZipArchive? _zip;

    private HmisSource(Dictionary<string, Func<Stream>> files, ZipArchive? zip) => (_files, _zip) = (files, zip);

    public static HmisSource Folder(string path) => new(
        Directory.EnumerateFiles(path, "*.csv").ToDictionary(f => Path.GetFileName(f), f => (Func<Stream>)(() => File.OpenRead(f)), StringComparer.OrdinalIgnoreCase),
        null);

    /// <summary>Reads a zip; a file that is not one is an <see cref="InvalidDataException"/>.</summary>
    public static HmisSource Zip(Stream zip)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            // A file shorter than a zip's end record fails on a seek, not as invalid data.
            zip.Dispose();
            throw new InvalidDataException("Not a zip.", e);
        }
        var files = new Dictionary<string, Func<Stream>>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in archive.Entries.Where(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)))
            files.TryAdd(entry.Name, entry.Open);
        return new HmisSource(files, archive);
    }

    /// <summary>Files given one by one (an upload), by name.</summary>
    public static HmisSource Files(IEnumerable<(string Name, Func<Stream> Open)> files)
    {
        var byName = new Dictionary<string, Func<Stream>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, open) in files) byName.TryAdd(Path.GetFileName(name), open);
        return new HmisSource(byName, null);
    }

    /// <summary>A folder, or a file taken as a zip.</summary>
    public static HmisSource From(string path) => Directory.Exists(path) ? Folder(path) : Zip(File.OpenRead(path));

    public bool Has(string file) => _files.ContainsKey(file);

    public Stream Open(string file) => _files[file]();

    public void Dispose() => _zip?.Dispose();
}
