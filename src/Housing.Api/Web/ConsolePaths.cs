namespace Housing.Api.Web;

/// <summary>Which requests belong to the console: everything that is not the API, its documents, the health checks or the metrics.</summary>
public static class ConsolePaths
{
    private static readonly PathString[] ApiPrefixes = ["/v1", "/openapi", "/swagger", "/health", "/metrics", "/problems"];

    public static bool IsConsole(PathString path) => !ApiPrefixes.Any(path.StartsWithSegments);
}
