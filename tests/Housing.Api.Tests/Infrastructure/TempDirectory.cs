namespace Housing.Api.Tests.Infrastructure;

/// <summary>A directory of its own under the system temp path, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "housing-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string PathOf(string fileName) => System.IO.Path.Combine(Path, fileName);

    /// <summary>
    /// Deletes the directory. Should it fail (something wrote into it while it was being
    /// deleted), it tries twice more, then fails naming what is left, so the writer can be found.
    /// </summary>
    public void Dispose()
    {
        for (var attempt = 1; Directory.Exists(Path); attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException e) when (attempt < 3)
            {
                TestContext.Progress.WriteLine($"Deleting {Path} failed ({e.Message}); trying again");
                Thread.Sleep(100);
            }
            catch (IOException e)
            {
                var left = Directory.Exists(Path) ? Directory.GetFileSystemEntries(Path, "*", SearchOption.AllDirectories) : [];
                throw new IOException($"{e.Message}; still there: {string.Join(", ", left)}", e);
            }
        }
    }
}
