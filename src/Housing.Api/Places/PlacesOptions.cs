namespace Housing.Api.Places;

public sealed class PlacesOptions
{
    public const string Section = "Places";

    /// <summary>
    /// The states whose ZIP codes and cities the service knows (two-letter codes, such as CA);
    /// empty for every state. Keep it to the deployment's own, so that a city's name alone
    /// finds it and the console's pick list stays short.
    /// </summary>
    public List<string> States { get; set; } = [];

    /// <summary>Places people name that are not cities, such as neighbourhoods: a name and a point.</summary>
    public List<NamedPlace> Named { get; set; } = [];
}

public sealed class NamedPlace
{
    public string Name { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
}
