using System.Net;
using System.Text.RegularExpressions;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>
/// The fields a browser would post from one form of a page, as drawn: inputs with their values,
/// ticked checkboxes only, and each select's selected option. A test changes some and posts them all.
/// </summary>
public sealed partial class PageForm
{
    private readonly List<KeyValuePair<string, string>> _fields;

    private PageForm(List<KeyValuePair<string, string>> fields) => _fields = fields;

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>The form whose opening tag contains <paramref name="marker"/> (such as <c>class="editor"</c>).</summary>
    public static PageForm Of(string page, string marker)
    {
        var at = page.IndexOf(marker, StringComparison.Ordinal);
        var start = at < 0 ? -1 : page.LastIndexOf("<form", at, StringComparison.Ordinal);
        if (start < 0) throw new AssertionException($"The page has no form with {marker}.");
        var html = page[start..(page.IndexOf("</form>", start, StringComparison.Ordinal) + 7)];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in Input().Matches(html))
        {
            var tag = input.Value;
            if (Attribute(tag, "name") is not { } name) continue;
            var type = Attribute(tag, "type") ?? "text";
            if (type is "checkbox" or "radio" && Attribute(tag, "checked") is null) continue;
            if (type is "submit" or "button") continue;
            fields.Add(new(name, Attribute(tag, "value") ?? ""));
        }
        foreach (Match select in Select().Matches(html))
        {
            var name = Attribute(select.Groups[1].Value + ">", "name")!;
            var selected = Option().Matches(select.Groups[2].Value).FirstOrDefault(o => Attribute(o.Value, "selected") is not null);
            fields.Add(new(name, selected is null ? "" : Attribute(selected.Value, "value") ?? ""));
        }
        return new PageForm(fields);
    }

    public string? this[string name] => _fields.FirstOrDefault(f => f.Key == name).Value;

    /// <summary>Replaces the field's values with <paramref name="values"/> (none: as if cleared, or every box unticked).</summary>
    public PageForm Set(string name, params string[] values)
    {
        _fields.RemoveAll(f => f.Key == name);
        _fields.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        return this;
    }

    public PageForm With(string name, string value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}(?:=\"([^\"]*)\")?[\\s>/]") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Input();

    [GeneratedRegex("<select\\b([^>]*)>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex Select();

    [GeneratedRegex("<option\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Option();
}
