namespace Housing.Api.Catalog;

public static class CatalogLoading
{
    /// <summary>Fills the catalog from the database; run once at start, after migrations.</summary>
    public static Task LoadCatalogAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.GetRequiredService<CatalogRefresher>().LoadAsync(ct);
}
