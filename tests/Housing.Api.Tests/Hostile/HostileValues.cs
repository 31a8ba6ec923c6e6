using System.Text;

namespace Housing.Api.Tests.Hostile;

/// <summary>The strings and bytes hostile input is made of.</summary>
public static class HostileValues
{
    /// <summary>Strange but well-formed text: a service may store it (and must then serve it back intact).</summary>
    public static readonly IReadOnlyList<(string Label, string Text)> OddStrings =
    [
        ("the empty string", ""),
        ("only spaces", "   "),
        ("padded with spaces", "  padded  "),
        ("10,000 characters", new string('a', 10_000)),
        ("5,000 accented letters", string.Concat(Enumerable.Repeat("é", 5_000))),
        ("a right-to-left override", "\u202ekcatta"),
        ("an emoji family (joined)", "👩‍👧‍👦"),
        ("astral letters", "𝓗𝓸𝓾𝓼𝓲𝓷𝓰"),
        ("a combining accent", "e\u0301"),
        ("zero-width characters", "a\u200b\u200d\ufeffb"),
        ("markup", "<script>alert(1)</script>"),
        ("SQL", "x'); DROP TABLE programs;--"),
        ("a format string", "%s%n%x{0}"),
        ("a path", "../../../etc/passwd"),
        ("quotes and backslashes", "\"\\'`"),
        ("a number", "-1"),
    ];

    /// <summary>Control characters and line separators: never valid in stored text (the service's rule for every text field).</summary>
    public static readonly IReadOnlyList<(string Label, string Text)> ControlStrings =
    [
        ("a NUL", "a\u0000b"),
        ("a bell", "\u0007"),
        ("an ANSI escape", "\u001b[31mred"),
        ("a DEL", "a\u007f"),
        ("a C1 control", "a\u0085b"),
        ("a line separator", "a\u2028b"),
    ];

    /// <summary>
    /// String tokens as raw bytes: unpaired UTF-16 surrogates as JSON escapes (valid JSON, but no
    /// text: they cannot be turned into UTF-8), bytes that are not UTF-8, and strings that are not JSON.
    /// </summary>
    public static readonly IReadOnlyList<(string Label, byte[] Raw)> RawStrings =
    [
        ("a lone high surrogate", Encoding.ASCII.GetBytes("\"a\\ud800b\"")),
        ("a lone low surrogate", Encoding.ASCII.GetBytes("\"\\udc00\"")),
        ("surrogates in the wrong order", Encoding.ASCII.GetBytes("\"\\udc00\\ud800\"")),
        ("an overlong UTF-8 '/'", [(byte)'"', 0xC0, 0xAF, (byte)'"']),
        ("an invalid UTF-8 byte", [(byte)'"', (byte)'a', 0xFF, (byte)'"']),
        ("a surrogate encoded in UTF-8", [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"']),
        ("a truncated UTF-8 sequence", [(byte)'"', 0xE2, 0x82, (byte)'"']),
        ("a raw newline inside the string", Encoding.ASCII.GetBytes("\"a\nb\"")),
        ("a bad escape", Encoding.ASCII.GetBytes("\"\\x41\"")),
        ("a single-quoted string", Encoding.ASCII.GetBytes("'a'")),
    ];

    /// <summary>Text for a query value or header: the same families, as they travel in a URL or a header.</summary>
    public static readonly IReadOnlyList<(string Label, string Text)> ParameterStrings =
    [
        ("empty", ""),
        ("10,000 characters", new string('a', 10_000)),
        ("a right-to-left override", "\u202eab"),
        ("an emoji", "👩‍👧‍👦"),
        ("a NUL", "a\u0000b"),
        ("an ANSI escape", "\u001b[31m"),
        ("SQL", "x' OR '1'='1"),
        ("a path", "../../etc/passwd"),
    ];
}
