using Housing.Api.Programs;

namespace Housing.Api.Demo;

/// <summary>A neighbourhood a program can sit in: its city for the postal address, and its ZIP codes.</summary>
internal sealed record DemoPlace(string Name, string City, string[] Zips);

/// <summary>
/// One of Los Angeles County's eight Service Planning Areas, with what a plausible program
/// there looks like: the streets, the area codes, and the languages its communities speak.
/// </summary>
internal sealed record DemoSpa(
    string Region,
    string Name,
    GeoPoint Centre,
    double RadiusKm,
    int Weight,
    string[] AreaCodes,
    double SpanishShare,
    string[] CommunityLanguages,
    DemoPlace[] Places,
    string[] Streets);

internal static class DemoGeography
{
    // Approximate centre of each SPA; weights roughly follow where the county's unhoused people are counted.
    public static readonly IReadOnlyList<DemoSpa> Spas =
    [
        new("spa-1", "Antelope Valley", new(34.63, -118.15), 9, 3, ["661"], 0.6, ["tl"],
            [new("Lancaster", "Lancaster", ["93534", "93535"]), new("Palmdale", "Palmdale", ["93550", "93551"])],
            ["W Avenue I", "E Avenue J", "Sierra Hwy", "W Lancaster Blvd", "Palmdale Blvd", "E Avenue Q", "N 10th St W", "25th St E"]),
        new("spa-2", "San Fernando Valley", new(34.22, -118.45), 6, 5, ["818"], 0.7, ["hy", "fa", "ru", "tl"],
            [new("Van Nuys", "Van Nuys", ["91405", "91406", "91411"]), new("Panorama City", "Panorama City", ["91402"]),
             new("North Hollywood", "North Hollywood", ["91601", "91605"]), new("Sun Valley", "Sun Valley", ["91352"])],
            ["Sepulveda Blvd", "Van Nuys Blvd", "Roscoe Blvd", "Sherman Way", "Victory Blvd", "Lankershim Blvd", "Woodman Ave", "Saticoy St"]),
        new("spa-3", "San Gabriel Valley", new(34.07, -118.03), 6, 4, ["626"], 0.7, ["zh", "vi", "yue"],
            [new("El Monte", "El Monte", ["91731", "91732"]), new("South El Monte", "South El Monte", ["91733"]),
             new("Rosemead", "Rosemead", ["91770"]), new("Baldwin Park", "Baldwin Park", ["91706"])],
            ["Garvey Ave", "Valley Blvd", "Santa Anita Ave", "Peck Rd", "Flair Dr", "Rosemead Blvd", "Lower Azusa Rd", "Ramona Blvd"]),
        new("spa-4", "Metro Los Angeles", new(34.06, -118.28), 4, 8, ["213", "323"], 0.8, ["ko", "tl", "zh", "th", "bn"],
            [new("Westlake", "Los Angeles", ["90057", "90017"]), new("Koreatown", "Los Angeles", ["90005", "90006", "90020"]),
             new("Pico-Union", "Los Angeles", ["90015", "90006"]), new("Downtown", "Los Angeles", ["90013", "90014", "90021"]),
             new("Hollywood", "Los Angeles", ["90028", "90038"]), new("Echo Park", "Los Angeles", ["90026"])],
            ["Wilshire Blvd", "W 6th St", "S Vermont Ave", "S Western Ave", "W Olympic Blvd", "S Alvarado St", "W Pico Blvd",
             "S San Pedro St", "E 5th St", "Sunset Blvd", "S Hoover St"]),
        new("spa-5", "West Los Angeles", new(34.03, -118.45), 4, 3, ["310"], 0.5, ["fa", "ru", "ja"],
            [new("Santa Monica", "Santa Monica", ["90404", "90405"]), new("West Los Angeles", "Los Angeles", ["90025", "90064"]),
             new("Venice", "Venice", ["90291"]), new("Culver City", "Culver City", ["90230", "90232"])],
            ["Santa Monica Blvd", "Pico Blvd", "Olympic Blvd", "Venice Blvd", "Sawtelle Blvd", "Lincoln Blvd", "Bundy Dr", "Sepulveda Blvd"]),
        new("spa-6", "South Los Angeles", new(33.96, -118.28), 5, 6, ["323"], 0.9, [],
            [new("Vermont Square", "Los Angeles", ["90037", "90044"]), new("Florence", "Los Angeles", ["90001", "90003"]),
             new("Watts", "Los Angeles", ["90002", "90059"]), new("Hyde Park", "Los Angeles", ["90043", "90047"])],
            ["S Figueroa St", "S Vermont Ave", "S Broadway", "W Manchester Ave", "W Florence Ave", "S Central Ave", "W Slauson Ave", "E 103rd St"]),
        new("spa-7", "East Los Angeles", new(33.98, -118.12), 5, 4, ["562", "323"], 0.95, ["hy"],
            [new("Bell Gardens", "Bell Gardens", ["90201"]), new("Downey", "Downey", ["90240", "90241"]),
             new("Pico Rivera", "Pico Rivera", ["90660"]), new("Montebello", "Montebello", ["90640"])],
            ["Florence Ave", "Firestone Blvd", "Whittier Blvd", "Atlantic Blvd", "Garfield Ave", "Paramount Blvd", "Slauson Ave", "Rosemead Blvd"]),
        new("spa-8", "South Bay/Harbor", new(33.83, -118.30), 6, 4, ["310", "562"], 0.7, ["tl", "ko", "ja", "sm", "km"],
            [new("Torrance", "Torrance", ["90501", "90502"]), new("Carson", "Carson", ["90745", "90746"]),
             new("Gardena", "Gardena", ["90247", "90248"]), new("Harbor City", "Harbor City", ["90710"]),
             new("Wilmington", "Wilmington", ["90744"])],
            ["S Western Ave", "W Carson St", "Torrance Blvd", "S Vermont Ave", "Normandie Ave", "W 190th St", "Pacific Coast Hwy", "Avalon Blvd"]),
    ];

    public static DemoSpa Spa(string region) => Spas.Single(s => s.Region == region);

    /// <summary>A point scattered around the centre, uniform over the disc, rounded to about 10 m.</summary>
    public static GeoPoint Scatter(DemoRandom r, DemoSpa spa)
    {
        var distanceKm = spa.RadiusKm * Math.Sqrt(r.Double());
        var bearing = 2 * Math.PI * r.Double();
        const double KmPerDegree = 111.32;
        var lat = spa.Centre.Latitude + distanceKm * Math.Cos(bearing) / KmPerDegree;
        var lon = spa.Centre.Longitude + distanceKm * Math.Sin(bearing) / (KmPerDegree * Math.Cos(spa.Centre.Latitude * Math.PI / 180));
        return new GeoPoint(Math.Round(lat, 4), Math.Round(lon, 4));
    }

    public static (DemoPlace Place, string Address) Address(DemoRandom r, DemoSpa spa)
    {
        var place = r.Pick(spa.Places);
        var number = r.Int(1, 90) * 100 + r.Int(0, 99);
        return (place, $"{number} {r.Pick(spa.Streets)}, {place.City}, CA {r.Pick(place.Zips)}");
    }
}
