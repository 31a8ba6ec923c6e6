using System.Text;
using System.Text.RegularExpressions;

namespace Housing.Api.Tests.Docs;

/// <summary>A curl command as the docs write it: where it was, the call it makes, and its JSON body when the text holds it.</summary>
public sealed partial record DocumentedCurl(string Where, string Method, string Path, IReadOnlyList<string> Query, IReadOnlyList<string> Headers, string? Body)
{
    /// <summary>A stand-in for each shell variable: ids are GUIDs, so a GUID passes wherever one goes.</summary>
    public const string Placeholder = "3f1c2b5e-8a4d-4c7e-9b21-6d0e5f7a8c90";

    /// <summary>Every curl in a Markdown file's sh code blocks.</summary>
    public static IEnumerable<DocumentedCurl> In(string file, string text)
    {
        var lines = text.Split('\n');
        var inShell = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                inShell = !inShell && trimmed is "```sh" or "```bash" or "```shell";
                continue;
            }
            if (!inShell) continue;

            var first = i;
            var logical = new StringBuilder(lines[i].TrimEnd());
            while (logical.Length > 0 && logical[^1] == '\\' && i + 1 < lines.Length)
            {
                logical.Length--;
                logical.Append(' ').Append(lines[++i].Trim());
            }
            var line = logical.ToString();
            foreach (var segment in CurlSegments(line))
            {
                var heredoc = Heredoc().Match(segment);
                string? body = null;
                if (heredoc.Success)
                {
                    var end = heredoc.Groups["end"].Value;
                    var bodyLines = new List<string>();
                    while (i + 1 < lines.Length && lines[i + 1].Trim() != end) bodyLines.Add(lines[++i]);
                    i++;
                    body = string.Join('\n', bodyLines);
                }
                yield return Parse($"{file}:{first + 1}", segment, body);
            }
        }
    }

    /// <summary>Each curl command on a logical line, up to the pipe, closing parenthesis, comment or next command that ends it.</summary>
    private static IEnumerable<string> CurlSegments(string line)
    {
        foreach (Match m in CurlStart().Matches(line))
        {
            var start = m.Index + m.Length - "curl".Length;
            char? quote = null;
            var end = start;
            for (; end < line.Length; end++)
            {
                var c = line[end];
                if (quote is not null) { if (c == quote) quote = null; continue; }
                if (c is '\'' or '"') { quote = c; continue; }
                if (c == '<' && end + 1 < line.Length && line[end + 1] == '<')
                {
                    // A heredoc's marker belongs to the command (its body follows the line); stop after it.
                    var marker = Heredoc().Match(line, end);
                    if (marker.Success) end = marker.Index + marker.Length;
                    break;
                }
                if (c is '|' or ')' or ';' or '&') break;
                if (c == '#' && char.IsWhiteSpace(line[end - 1])) break;
            }
            yield return line[start..end];
        }
    }

    private static DocumentedCurl Parse(string where, string command, string? heredocBody)
    {
        var words = Words(command);
        string? method = null, url = null, data = null;
        var headers = new List<string>();
        for (var w = 1; w < words.Count; w++)
        {
            switch (words[w])
            {
                case "-X" or "--request": method = words[++w]; break;
                case "-I" or "--head": method = "HEAD"; break;
                case "-H" or "--header": headers.Add(words[++w].Split(':', 2)[0].Trim()); break;
                case "-d" or "--data" or "--data-raw" or "--data-binary": data = words[++w]; break;
                case "-o" or "--output" or "-w" or "--write-out" or "-u" or "--user": w++; break;
                default:
                    if (words[w].Contains("/v1/", StringComparison.Ordinal) || words[w].EndsWith("/v1", StringComparison.Ordinal)) url = words[w];
                    break;
            }
        }
        if (url is null) throw new FormatException($"{where}: a curl without a /v1 URL: {command}");
        method ??= data is null ? "GET" : "POST";

        var fromV1 = url[url.IndexOf("/v1", StringComparison.Ordinal)..];
        var parts = fromV1.Split('?', 2);
        var path = Variable().Replace(parts[0], Placeholder);
        path = Angle().Replace(path, Placeholder).TrimEnd('/');
        var query = parts.Length > 1
            ? parts[1].Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)[0]).ToList()
            : [];

        // A body read from a file or a pipe is not in the text; one written out is checked.
        var body = data switch
        {
            "@-" => heredocBody,
            { } d when d.StartsWith('@') => null,
            _ => data,
        };
        if (body is not null) body = Variable().Replace(body, Placeholder);
        return new DocumentedCurl(where, method.ToUpperInvariant(), path, query, headers, body);
    }

    /// <summary>Shell words: quotes grouped and removed, nothing expanded.</summary>
    private static List<string> Words(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote is not null)
            {
                if (c == quote) quote = null;
                else if (quote == '"' && c == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$' or '`') word.Append(command[++i]);
                else word.Append(c);
                continue;
            }
            if (c is '\'' or '"') { quote = c; inWord = true; continue; }
            if (char.IsWhiteSpace(c))
            {
                if (inWord) { words.Add(word.ToString()); word.Clear(); inWord = false; }
                continue;
            }
            word.Append(c);
            inWord = true;
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    [GeneratedRegex(@"(^|[\s(|$])curl(?=\s)")]
    private static partial Regex CurlStart();

    [GeneratedRegex(@"<<-?\s*'?(?<end>[A-Za-z_]+)'?")]
    private static partial Regex Heredoc();

    [GeneratedRegex(@"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")]
    private static partial Regex Variable();

    [GeneratedRegex(@"<[^>/]+>")]
    private static partial Regex Angle();
}
