using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Runtime.CompilerServices;

namespace Housing.Api.Localization;

/// <summary>
/// Every text class (ReasonText, ConsoleText, …) reads its texts through a
/// <see cref="CachedResourceManager"/>: a text is looked up in its resources once per language,
/// then read from a dictionary without a lock. The plain <see cref="ResourceManager"/> takes a
/// lock on every lookup; a search says a dozen sentences per match, and under load the requests
/// queued on that lock.
/// </summary>
internal static class TextCache
{
    /// <summary>The generated classes' own field for their manager (MSBuild's StronglyTypedResourceBuilder names it so).</summary>
    private const string ManagerField = "resourceMan";

    /// <summary>The text classes: every class in this namespace the resource generator made.</summary>
    public static IReadOnlyList<Type> TextClasses { get; } = [.. typeof(TextCache).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(TextCache).Namespace && t.GetField(ManagerField, BindingFlags.NonPublic | BindingFlags.Static) is not null)];

    /// <summary>Runs as the assembly loads, before any text is read: in the service, its tests and its benchmarks alike.</summary>
#pragma warning disable CA2255 // The assembly is the application, not a library: its own texts, installed before first use.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install()
    {
        foreach (var type in TextClasses)
        {
            var field = type.GetField(ManagerField, BindingFlags.NonPublic | BindingFlags.Static)!;
            field.SetValue(null, new CachedResourceManager(type.FullName!, type.Assembly));
        }
    }
}

/// <summary>A <see cref="ResourceManager"/> that keeps each string it has found, per culture.</summary>
internal sealed class CachedResourceManager(string baseName, Assembly assembly) : ResourceManager(baseName, assembly)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string?>> _byCulture = new(StringComparer.Ordinal);

    public override string? GetString(string name, CultureInfo? culture)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var texts = _byCulture.GetOrAdd(culture.Name, static _ => new ConcurrentDictionary<string, string?>(StringComparer.Ordinal));
        if (texts.TryGetValue(name, out var text)) return text;
        return texts.GetOrAdd(name, base.GetString(name, culture));
    }
}
