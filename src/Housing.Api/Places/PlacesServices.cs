namespace Housing.Api.Places;

public static class PlacesServices
{
    public static IServiceCollection AddPlaces(this IServiceCollection services)
    {
        services.AddOptions<PlacesOptions>().BindConfiguration(PlacesOptions.Section)
            .Validate(o => o.States.All(s => s.Trim().Length == 2), "Places:States takes two-letter state codes, such as CA.")
            .Validate(o => o.Named.All(n => n.Name.Trim().Length > 0 && Math.Abs(n.Latitude) <= 90 && Math.Abs(n.Longitude) <= 180),
                "Each of Places:Named needs a Name, a Latitude from -90 to 90 and a Longitude from -180 to 180.")
            .ValidateOnStart();
        services.AddSingleton<Gazetteer>();
        services.AddOptions<RegionOptions>().BindConfiguration(RegionOptions.Section)
            .Validate(o => o.Names.All(n => n.Value.Trim().Length is > 0 and <= 80), "Each of Regions:Names needs a name of 1 to 80 characters.")
            .Validate(o => o.Zips.All(r => Organizations.OrganizationRules.IsRegion(r.Key) && r.Value.All(z => z.Trim().Length is >= 1 and <= 5 && z.Trim().All(char.IsAsciiDigit))),
                "Regions:Zips maps a region code (such as spa-4) to ZIP codes or their first digits, such as [\"935\", \"90057\"].")
            .ValidateOnStart();
        services.AddSingleton<RegionNames>();
        return services;
    }
}
