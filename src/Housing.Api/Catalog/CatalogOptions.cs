using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Catalog;

public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>
    /// How often each instance looks for programs, posts and holds changed by other instances on
    /// the same database: such a change reaches this instance's listings and searches within
    /// about this many seconds (plus the time one refresh takes).
    /// </summary>
    [Range(1, 3600)] public int RefreshSeconds { get; set; } = 2;
}
