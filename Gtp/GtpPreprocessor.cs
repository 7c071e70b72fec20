using System.Text;

namespace GoZero.Gtp;

/// <summary>
/// The line cleaning of the GTP v2 specification, section 3.1: control characters other than HT and LF are removed
/// (so a CR of CRLF input disappears), HT becomes a space, everything from a '#' on is a comment, and a line left empty
/// or blank is no command at all.
/// </summary>
public static class GtpPreprocessor
{
    /// <summary>The cleaned line, or null when nothing of a command is left. <paramref name="raw"/> holds no LF: the
    /// reader splits lines there.</summary>
    public static string? Clean(string raw)
    {
        var text = new StringBuilder(raw.Length);
        foreach (char c in raw)
        {
            if (c == '#') break;
            if (c == '\t') text.Append(' ');
            else if (!char.IsControl(c)) text.Append(c);
        }
        string cleaned = text.ToString();
        return string.IsNullOrWhiteSpace(cleaned) ? null : cleaned;
    }
}
