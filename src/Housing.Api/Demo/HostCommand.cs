namespace Housing.Api.Demo;

/// <summary>
/// <c>seed</c>: create the demo county (if the database has no programs), print demo keys, exit.
/// <c>--demo</c>: the same, then serve. Everything else goes to the host as usual.
/// </summary>
public sealed record HostCommand(bool Seed, bool Demo, string[] HostArgs)
{
    public static HostCommand Parse(string[] args) => new(
        args.Length > 0 && args[0] == "seed",
        args.Contains("--demo"),
        args.Where((a, i) => !(i == 0 && a == "seed") && a != "--demo").ToArray());
}
