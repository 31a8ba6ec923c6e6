using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Demo;
using Housing.Api.Imports;
using Housing.Api.Security;

namespace Housing.Api.Operations;

/// <summary>
/// <c>seed</c>: create the demo county (if the database has no programs), print demo keys, exit.
/// <c>--demo</c>: the same, then serve. <c>rotate-keys</c>: make a new sealing key, reseal every
/// stored secret with it, revoke the older keys, exit. <c>import-hmis</c>: import an HMIS export
/// (<see cref="ImportCommand"/>), exit. Everything else goes to the host as usual.
/// </summary>
public sealed record HostCommand(bool Seed, bool Demo, bool RotateKeys, string[] HostArgs, string[]? Import = null)
{
    private static readonly string[] Verbs = ["seed", "rotate-keys"];

    public static HostCommand Parse(string[] args)
    {
        if (args.Length > 0 && args[0] == ImportCommand.Verb)
        {
            // Its own arguments stop at the first host setting (--Database:Engine=… or --Database:Engine …).
            var own = args.Skip(1).TakeWhile(a => !a.Contains(':')).ToArray();
            return new HostCommand(false, false, false, args.Skip(1 + own.Length).ToArray(), own);
        }
        return new(
            args.Length > 0 && args[0] == "seed",
            args.Contains("--demo"),
            args.Length > 0 && args[0] == "rotate-keys",
            args.Where((a, i) => !(i == 0 && Verbs.Contains(a)) && a != "--demo").ToArray());
    }

    /// <summary>
    /// Brings the database up to this build's schema, then runs the command. True when the host
    /// should go on to serve: the catalog is loaded by then, so the first search sees every program.
    /// </summary>
    public async Task<bool> PrepareAsync(IServiceProvider services)
    {
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
            var seeded = await services.GetRequiredService<DemoSeeder>().SeedAsync(Demo, CancellationToken.None);
            DemoSeeder.Print(seeded, System.Console.Out);
            if (Seed) return false;
        }
        await services.LoadCatalogAsync();
        return true;
    }
}
