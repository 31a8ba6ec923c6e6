using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Housing.Api.Imports;

public sealed class ImportUploadOptions
{
    public const string Section = "Imports";

    /// <summary>Where the console keeps an uploaded export between its dry run and its confirmation; relative to the working directory, beside the database.</summary>
    public string UploadsPath { get; set; } = "data/uploads";

    /// <summary>How long an upload waits for its confirmation before it is deleted.</summary>
    public int UploadMinutes { get; set; } = 60;
}

/// <summary>
/// The console's uploaded HMIS exports, kept on the server between the dry run and the
/// confirmation so the admin does not upload twice and the files never travel in a page or a URL.
/// Each upload is a folder named by a random token and bound to the session that made it; it is
/// deleted once imported, on a cancel, or (never confirmed) an hour later at the next use.
/// </summary>
public sealed partial class ImportUploads(IOptions<ImportUploadOptions> options, TimeProvider clock, ILogger<ImportUploads> logger)
{
    private const string OwnerFile = "owner.txt";
    private const string FilesFolder = "files";

    private string Root => Path.GetFullPath(options.Value.UploadsPath, Environment.CurrentDirectory);

    /// <summary>Keeps the files for the session <paramref name="owner"/>; the token names them from now on.</summary>
    public async Task<string> KeepAsync(IFormFileCollection files, string owner, string source, CancellationToken ct)
    {
        Sweep();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var folder = Directory.CreateDirectory(Path.Combine(Root, token, FilesFolder));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            // Only the file's own name, never a path the browser sent; two files of one name keep the first (the export reader would refuse either way).
            var name = SafeName(file.FileName);
            if (!names.Add(name)) continue;
            await using var target = File.Create(Path.Combine(folder.FullName, name));
            await file.CopyToAsync(target, ct);
        }
        var stamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await File.WriteAllLinesAsync(Path.Combine(Root, token, OwnerFile), [Hash(owner), stamp, source], ct);
        return token;
    }

    /// <summary>
    /// Takes the upload for its confirmation: only once (a second confirmation finds nothing), only
    /// for the session that made it, and only within the hour. The caller disposes the claim, which deletes the files.
    /// </summary>
    public Claim? Take(string? token, string owner)
    {
        Sweep();
        if (Find(token, owner) is not { } found) return null;
        var taken = found.Folder + ".taken-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        try
        {
            Directory.Move(found.Folder, taken);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        return new Claim(taken, found.Source, logger);
    }

    /// <summary>Deletes the session's upload (a cancel); true when there was one.</summary>
    public bool Discard(string? token, string owner)
    {
        using var claim = Take(token, owner);
        return claim is not null;
    }

    /// <summary>Whether the token names an upload this session may still confirm.</summary>
    public bool Holds(string? token, string owner) => Find(token, owner) is not null;

    /// <summary>Deletes every upload older than the time allowed, and any left half-taken.</summary>
    public void Sweep()
    {
        if (!Directory.Exists(Root)) return;
        var oldest = clock.GetUtcNow().AddMinutes(-options.Value.UploadMinutes);
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(folder);
            var expired = name.Contains(".taken-", StringComparison.Ordinal)
                ? Directory.GetLastWriteTimeUtc(folder) < oldest.UtcDateTime
                : Read(folder) is not { } owner || owner.Created < oldest;
            if (expired) Delete(folder, logger);
        }
    }

    private (string Folder, string Source)? Find(string? token, string owner)
    {
        if (token is null || !TokenPattern().IsMatch(token)) return null;
        var folder = Path.Combine(Root, token);
        if (Read(folder) is not { } kept) return null;
        if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(kept.OwnerHash), Convert.FromHexString(Hash(owner)))) return null;
        if (kept.Created < clock.GetUtcNow().AddMinutes(-options.Value.UploadMinutes)) return null;
        return (folder, kept.Source);
    }

    private static (string OwnerHash, DateTimeOffset Created, string Source)? Read(string folder)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(folder, OwnerFile));
            if (lines.Length < 3 || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return null;
            return (lines[0], DateTimeOffset.FromUnixTimeSeconds(seconds), lines[2]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Hash(string owner) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(owner)));

    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).TrimStart('.');
        return safe.Length == 0 ? "upload" : safe;
    }

    private static void Delete(string folder, ILogger logger)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not delete an uploaded HMIS export's folder; the next sweep tries again");
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TokenPattern();

    /// <summary>An upload taken for its import: its files as the upload's, and deleted when disposed.</summary>
    public sealed class Claim(string folder, string source, ILogger logger) : IDisposable
    {
        private readonly List<Stream> _open = [];

        public string Source { get; } = source;

        /// <summary>The kept files, as the form gave them, for <see cref="ImportsApi.RunAsync"/>.</summary>
        public IFormFileCollection Files()
        {
            var files = new FormFileCollection();
            foreach (var path in Directory.EnumerateFiles(Path.Combine(folder, FilesFolder)).Order(StringComparer.Ordinal))
            {
                var stream = File.OpenRead(path);
                _open.Add(stream);
                var name = Path.GetFileName(path);
                files.Add(new FormFile(stream, 0, stream.Length, "files", name));
            }
            return files;
        }

        public void Dispose()
        {
            foreach (var stream in _open) stream.Dispose();
            Delete(folder, logger);
        }
    }
}

/// <summary>Lets a console upload be as large as the API's (<c>Limits:MaxImportBytes</c>); other bodies stay within their own limit (<see cref="Http.RequestBodyLimit"/>).</summary>
public sealed class ImportFormLimits(IOptions<Http.LimitsOptions> limits) : IConfigureOptions<FormOptions>
{
    public void Configure(FormOptions options) => options.MultipartBodyLengthLimit = limits.Value.MaxImportBytes;
}
