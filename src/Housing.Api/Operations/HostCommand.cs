namespace Housing.Api.Demo;

/// <summary>
/// <c>seed</c>: create the demo county (if the database has no programs), print demo keys, exit.
/// <c>--demo</c>: the same, then serve. <c>rotate-keys</c>: make a new sealing key, reseal every
/// stored secret with it, revoke the older keys, exit. Everything else goes to the host as usual.
/// </summary>
public sealed record HostCommand(bool Seed, bool Demo, bool RotateKeys, string[] HostArgs)
{
    private static readonly string[] Verbs = ["seed", "rotate-keys"];

    public static HostCommand Parse(string[] args) => new(
        args.Length > 0 && args[0] == "seed",
        args.Contains("--demo"),
        args.Length > 0 && args[0] == "rotate-keys",
        args.Where((a, i) => !(i == 0 && Verbs.Contains(a)) && a != "--demo").ToArray());
}
