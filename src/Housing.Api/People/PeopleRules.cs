using System.Net.Mail;
using Housing.Api.Errors;

namespace Housing.Api.People;

/// <summary>What an email and a password must be; pure.</summary>
public static class PeopleRules
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 128;

    /// <summary>
    /// Passwords people choose that a length rule lets through, and that an attacker tries
    /// first. Compared without case, spaces or trailing digits and signs.
    /// </summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "password", "passwordpassword", "qwertyuiop", "qwertyuiopasdf", "qwertyuiopasdfgh", "asdfghjkl", "zxcvbnm",
        "iloveyou", "letmein", "welcome", "welcometoo", "changeme", "trustno", "administrator", "sunshine", "princess",
        "football", "baseball", "starwars", "whatever", "dragon", "monkey", "master", "shelter", "housing",
        "abcdefghijkl", "abcdefghijklmnop", "onetwothreefour", "correcthorsebatterystaple",
    };

    /// <summary>An email, trimmed and lower-cased; null (with the problem in <paramref name="v"/>) when it is not one.</summary>
    public static string? Email(string field, string? email, Validation v)
    {
        var text = email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text)) { v.Add(field, ProblemText.Problem_Person_Email); return null; }
        if (text.Length > 254 || !MailAddress.TryCreate(text, out var parsed) || parsed.Address != text || !text.Contains('.', StringComparison.Ordinal))
        {
            v.Add(field, ProblemText.Problem_Person_Email);
            return null;
        }
        return text;
    }

    /// <summary>
    /// A password long enough and not one of the first an attacker tries: at least 12
    /// characters, at least 5 different ones, not the person's email, not a common password.
    /// </summary>
    public static void Password(string field, string? password, string email, Validation v)
    {
        if (password is null || password.Length < MinPasswordLength)
        {
            v.Add(field, Say.Format(ProblemText.Problem_Person_PasswordShort, MinPasswordLength));
            return;
        }
        if (password.Length > MaxPasswordLength) { v.Add(field, Say.Format(ProblemText.Problem_Person_PasswordLong, MaxPasswordLength)); return; }
        var squeezed = Squeeze(password);
        var local = email.Split('@')[0];
        if (password.Distinct().Count() < 5 || squeezed.Length < 4 || Common.Contains(squeezed) || IsRun(squeezed)
            || (local.Length >= 4 && password.Contains(local, StringComparison.OrdinalIgnoreCase)))
            v.Add(field, ProblemText.Problem_Person_PasswordGuessable);
    }

    private static string Squeeze(string password)
    {
        var letters = new string(password.Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant).ToArray());
        return letters.TrimEnd("0123456789!?.@#$%&*".ToCharArray());
    }

    /// <summary>A keyboard or counting run such as 1234567890ab or abcdefghijkl.</summary>
    private static bool IsRun(string text) =>
        text.Length > 0 && Enumerable.Range(1, text.Length - 1).All(i => text[i] - text[i - 1] == 1);
}
