using System.Globalization;
using System.Net;

namespace Housing.Api.Tests.Telemetry;

/// <summary>One answer of <c>GET /metrics</c> (Prometheus text), read into its series: name, labels, value.</summary>
public sealed class Scrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _series = [];

    private Scrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var labels = new Dictionary<string, string>();
            var open = line.IndexOf('{');
            var close = line.LastIndexOf('}');
            var name = open < 0 ? line[..line.IndexOf(' ')] : line[..open];
            if (open >= 0)
            {
                foreach (var pair in line[(open + 1)..close].Split("\",", StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=');
                    labels[pair[..equals]] = pair[(equals + 1)..].Trim('"');
                }
            }
            var rest = line[((open < 0 ? name.Length : close + 1))..].Trim().Split(' ');
            _series.Add((name, labels, double.Parse(rest[0], CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    public static async Task<Scrape> FromAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        return new Scrape(text);
    }

    /// <summary>The sum of the series of this name whose labels include these (all of them when none are given); null when there is none.</summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        var matching = _series.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value)).ToList();
        return matching.Count == 0 ? null : matching.Sum(s => s.Value);
    }

    /// <summary>How far a series moved since <paramref name="before"/> (a series first seen now moved from 0).</summary>
    public double Moved(Scrape before, string name, params (string Label, string Value)[] labels) =>
        (Value(name, labels) ?? 0) - (before.Value(name, labels) ?? 0);

    /// <summary>Every value each label takes, across every series.</summary>
    public IEnumerable<(string Series, string Label, string Value)> LabelValues() =>
        _series.SelectMany(s => s.Labels.Select(l => (s.Name, l.Key, l.Value)));
}
