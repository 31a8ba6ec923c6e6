using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Housing.Browser.Tests.Infrastructure;

/// <summary>
/// axe-core as a gate: the page as it stands, at each width the console is built for (a desktop
/// and a phone), may have no serious or critical violation. Any test can check a step with
/// <c>await Axe.AssertAccessibleAsync(page)</c>; <see cref="AccessibilityTests"/> checks every page.
/// A failure names each rule, its impact and the selectors of the elements that break it.
/// </summary>
public static class Axe
{
    public static readonly IReadOnlyList<ViewportSize> Sizes =
    [
        new() { Width = 1280, Height = 900 },
        new() { Width = 375, Height = 740 },
    ];

    /// <summary>axe-core's impacts that fail the gate; minor and moderate ones are reported by axe but pass.</summary>
    public static readonly IReadOnlySet<string> Failing = new HashSet<string>(StringComparer.Ordinal) { "serious", "critical" };

    /// <summary>Runs axe-core at each of <see cref="Sizes"/>, then puts the page back at its own size.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string? what = null)
    {
        var own = page.ViewportSize;
        var found = new List<string>();
        try
        {
            foreach (var size in Sizes)
            {
                await page.SetViewportSizeAsync(size.Width, size.Height);
                found.AddRange(await ViolationsAsync(page, $"{size.Width} px"));
            }
        }
        finally
        {
            if (own is not null) await page.SetViewportSizeAsync(own.Width, own.Height);
        }
        Assert.That(found, Is.Empty, $"axe-core: serious or critical violations on {what ?? page.Url}:\n{string.Join("\n", found)}\n");
    }

    /// <summary>The page's serious and critical violations at its present size, one readable line per rule.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string at)
    {
        // axe-core's own run in the page, not RunAxe's: that one also opens a page in a new browser
        // context for each run, to finish it out of reach of a hostile page's frames. The console
        // has one frame and is ours, and the new context made a run 4 to 5 times as slow here
        // (1.2 to 3.4 s a run against 0.25 to 0.85 s), which over every page at two widths was
        // more than the rest of the browser suite put together.
#pragma warning disable CS0618 // "Legacy Mode is being removed in the future": the version is pinned, and this is the one call to change.
        var result = await page.RunAxeLegacy(null, new AxeRunOptions { ResultTypes = [ResultType.Violations], Iframes = false });
#pragma warning restore CS0618
        return result.Violations
            .Where(v => v.Impact is not null && Failing.Contains(v.Impact))
            .Select(v => $"[{at}] {v.Id} ({v.Impact}): {v.Help} ({v.HelpUrl})\n"
                + string.Join("\n", v.Nodes.Select(n => $"    {n.Target}  {Shorten(n.Html)}")))
            .ToList();
    }

    private static string Shorten(string? html) =>
        html is null ? "" : html.Length <= 120 ? html : html[..117] + "...";
}
