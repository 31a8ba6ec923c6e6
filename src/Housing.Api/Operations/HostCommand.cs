using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Demo;
using Housing.Api.Imports;
using Housing.Api.Security;

namespace Housing.Api.Operations;

/// <summary>
/// <c>seed</c>: create the demo county (if the database has no programs), print demo keys, exit;
/// <c>--programs N</c> with either: the county again with further seeds until there are at least N programs.
/// <c>--demo</c>: the same, then serve. <c>rotate-keys</c>: make a new sealing key, reseal every
/// stored secret with it, revoke the older keys, exit. <c>import-hmis</c>: import an HMIS export
/// (<see cref="ImportCommand"/>), exit. Everything else goes to the host as usual.
/// </summary>
public sealed record HostCommand(bool Seed, bool Demo, bool RotateKeys, string[] HostArgs, string[]? Import = null)
{
    private static readonly string[] Verbs = ["seed", "rotate-keys"];
    private const string ProgramsOption = "--programs";
    /// <summary>The most <c>seed --programs</c> makes: a county of a few hundred thousand programs is already larger than any there is.</summary>
    public const int MaxSeedPrograms = 1_000_000;

    /// <summary>With <c>--programs N</c>: at least N programs (0 for one county).</summary>
    public int SeedPrograms { get; init; }

    /// <summary>What was wrong with the command line, said before anything runs.</summary>
    public string? Error { get; init; }

    public static HostCommand Parse(string[] args)
    {
        if (args.Length > 0 && args[0] == ImportCommand.Verb)
        {
            // Its own arguments stop at the first host setting (--Database:Engine=… or --Database:Engine …).
            var own = args.Skip(1).TakeWhile(a => !a.Contains(':')).ToArray();
            return new HostCommand(false, false, false, args.Skip(1 + own.Length).ToArray(), own);
        }
        var seed = args.Length > 0 && args[0] == "seed";
        var demo = args.Contains("--demo");
        var at = seed || demo ? Array.IndexOf(args, ProgramsOption) : -1;
        var programs = 0;
        string? error = null;
        if (at > 0 && (at + 1 >= args.Length || !int.TryParse(args[at + 1], out programs) || programs is < 1 or > MaxSeedPrograms))
            error = $"{ProgramsOption} (with seed or --demo) takes a whole number from 1 to {MaxSeedPrograms:N0}: the programs wanted.";
        return new(
            seed,
            demo,
            args.Length > 0 && args[0] == "rotate-keys",
            args.Where((a, i) => !(i == 0 && Verbs.Contains(a)) && a != "--demo" && (at < 0 || (i != at && i != at + 1))).ToArray())
        { SeedPrograms = error is null ? programs : 0, Error = error };
    }

    /// <summary>
    /// Brings the database up to this build's schema, then runs the command. True when the host
    /// should go on to serve: the catalog is loaded by then, so the first search sees every program.
    /// </summary>
    public async Task<bool> PrepareAsync(IServiceProvider services)
    {
        if ((Error ?? SettingsError(services)) is { } error)
        {
            await System.Console.Error.WriteLineAsync(error);
            Environment.ExitCode = 2;
            return false;
        }
        await services.MigrateDatabaseAsync();
        if (RotateKeys)
        {
            await services.RotateAsync(System.Console.Out);
            return false;
        }
        await services.SealStoredValuesAsync();
        if (Import is not null)
        {
            await services.LoadCatalogAsync();
            Environment.ExitCode = await ImportCommand.RunAsync(services, Import, System.Console.Out,
                System.Console.IsInputRedirected ? null : System.Console.In, CancellationToken.None);
            return false;
        }
        if (Seed || Demo)
        {
            var seeded = await services.GetRequiredService<DemoSeeder>().SeedAsync(Demo, CancellationToken.None, SeedPrograms);
            DemoSeeder.Print(seeded, System.Console.Out);
            if (Seed) return false;
        }
        await services.LoadCatalogAsync();
        return true;
    }

    /// <summary>
    /// A setting the service cannot run with, found before it serves rather than on the first
    /// request that needs it (every request then failed with a 500 while the health checks said ready).
    /// </summary>
    public static string? SettingsError(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<BootstrapAdminKey>();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }
}
