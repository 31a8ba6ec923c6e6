using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Crash;

/// <summary>
/// The built service as a real child process (<c>dotnet Housing.Api.dll</c>, copied beside the
/// test assembly because the test project references the app), on a free 127.0.0.1 port and a
/// test database of the caller's (a SQLite file, or a PostgreSQL schema), configured by
/// environment variables as an operator would. <see cref="Kill"/> is SIGKILL: no shutdown hook,
/// no flush, nothing finishes; on PostgreSQL the server rolls back whatever the dead process's
/// connections had not committed.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(TestDatabase database, string adminKey, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "Housing.Api.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = database.FolderPath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["HOUSING_BOOTSTRAP_ADMIN_KEY"] = adminKey;
        // Database__Provider and ConnectionStrings__Housing, as an operator sets them.
        foreach (var (key, value) in database.Settings) start.Environment[Variable(key)] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in LiftedRateLimits.Settings) start.Environment[Variable(key)] = value;
        // The key ring beside the database, not in the test's working directory.
        start.Environment["DataProtection__KeysPath"] = database.KeysPath;
        start.Environment.Remove("ASPNETCORE_URLS");
        // One log line per request would be most of the output; keep warnings, errors and the start-up lines.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings) start.Environment[key] = value;

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Received(e.Data);
        _process.ErrorDataReceived += (_, e) => Received(e.Data);
    }

    public Uri BaseAddress => _listening.Task.Result;

    /// <summary>Everything the process wrote, for a failure message.</summary>
    public string Output => string.Join('\n', _output.TakeLast(200));

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the app and waits until it listens and its database is ready.</summary>
    public static async Task<AppProcess> StartAsync(TestDatabase database, string adminKey, IReadOnlyDictionary<string, string> settings)
    {
        var app = new AppProcess(database, adminKey, settings);
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var exited = app._process.WaitForExitAsync(timeout.Token);
            if (await Task.WhenAny(app._listening.Task, exited) != app._listening.Task)
                throw new InvalidOperationException($"The app exited or did not listen within 60 s:\n{app.Output}");
            // A probe that takes longer than its 5 s (a first request on a loaded machine) is
            // asked again, like one answered 503, until the minute is up.
            using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            while (!await ReadyAsync(client, timeout.Token)) await Task.Delay(50, timeout.Token);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> ReadyAsync(HttpClient client, CancellationToken deadline)
    {
        try
        {
            return (await client.GetAsync("/health/ready", deadline)).IsSuccessStatusCode;
        }
        catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>SIGKILL on Linux (Process.Kill), then waits until the process is gone.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private void Received(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        if (Listening().Match(line) is { Success: true } m) _listening.TrySetResult(new Uri(m.Groups[1].Value));
    }

    /// <summary>A configuration key as an environment variable: <c>RateLimits:PerKeyBurst</c> as <c>RateLimits__PerKeyBurst</c>.</summary>
    private static string Variable(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The dotnet host that runs these tests (the SDK sets DOTNET_HOST_PATH for its children), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
