using System.Globalization;

namespace Housing.Api.Localization;

/// <summary>Fills a text's numbered holes ("{0} open beds") in the current request's language.</summary>
public static class Say
{
    public static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
}
