using System.Runtime.CompilerServices;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>
/// Test apps never reload appsettings.json, so none needs a watcher on it. Each watcher is an
/// inotify instance, and Linux allows 128 per user by default: a few hundred apps started in
/// parallel (or two suites on one machine) ran out and failed to start.
/// </summary>
internal static class NoFileWatchers
{
    [ModuleInitializer]
    internal static void Initialize() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
